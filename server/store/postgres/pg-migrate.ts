// Applies pending PostgreSQL migrations under an advisory lock, so several HQ instances may start at once.
import type { PoolClient } from 'pg';
import { latestVersion, SchemaTooNewError, type Migration } from '../migration';

export async function migratePostgres(client: PoolClient, migrations: readonly Migration[]): Promise<void> {
  await client.query(`SELECT pg_advisory_lock(hashtext(current_schema() || ':lantern-migrate'))`);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at BIGINT NOT NULL
    )`);
    const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
    const current = rows[0]?.version ?? 0;
    const known = latestVersion(migrations);
    if (current > known) throw new SchemaTooNewError(current, known);
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (migration.version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, Date.now()]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext(current_schema() || ':lantern-migrate'))`);
  }
}
