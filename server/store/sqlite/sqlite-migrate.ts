// Applies the SQLite migrations that are not yet recorded, each in its own transaction.
import type Database from 'better-sqlite3';
import { latestVersion, SchemaTooNewError, type Migration } from '../migration';

export function migrateSqlite(db: Database.Database, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
  const current = row.version ?? 0;
  const known = latestVersion(migrations);
  if (current > known) throw new SchemaTooNewError(current, known);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      // Asked again under the write lock: another HQ process (or `npm run hq -- enroll`) opening the same file at the
      // same moment may have applied it since the read above, and applying it twice fails ("duplicate column").
      if (applied.get(migration.version)) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    }).immediate();
  }
}
