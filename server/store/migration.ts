// A versioned schema migration: applied once, in order, recorded in schema_migrations.
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Thrown when the database was migrated by a newer HQ than this one. */
export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(`The HQ database is at schema version ${found}, but this Lantern HQ knows only up to ${known}. Update Lantern HQ, or point it at another data directory.`);
    this.name = 'SchemaTooNewError';
  }
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
}
