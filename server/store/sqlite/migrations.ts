// SQLite schema migrations of the HQ store, in order (never edit a released one; add a new version).
import type { Migration } from '../migration';

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE hq_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        hq_id TEXT NOT NULL,
        epoch TEXT NOT NULL,
        admin_token_hash TEXT,
        last_seq INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        enrolled_at INTEGER NOT NULL,
        last_seen_at INTEGER,
        revoked_at INTEGER,
        last_seq INTEGER NOT NULL DEFAULT 0,
        last_hlc TEXT,
        clock_skew_ms INTEGER
      );
      CREATE TABLE enrollment_codes (
        code_hash TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER,
        device_id TEXT
      );
      CREATE TABLE operations (
        server_seq INTEGER PRIMARY KEY,
        op_id TEXT NOT NULL UNIQUE,
        device_id TEXT NOT NULL,
        device_seq INTEGER NOT NULL,
        incident_id TEXT NOT NULL,
        hlc TEXT NOT NULL,
        original_hlc TEXT,
        body TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        UNIQUE (device_id, device_seq)
      );
      CREATE INDEX operations_original_hlc ON operations (original_hlc) WHERE original_hlc IS NOT NULL;
      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        complete INTEGER NOT NULL,
        status TEXT,
        updated_at TEXT,
        last_seq INTEGER NOT NULL
      );
      CREATE INDEX incidents_status ON incidents (status, id);
      CREATE TABLE timeline_events (
        id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL,
        hlc TEXT NOT NULL,
        server_seq INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX timeline_events_incident ON timeline_events (incident_id, hlc, id);
      CREATE TABLE conflicts (
        id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL,
        field TEXT NOT NULL,
        server_seq INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX conflicts_incident ON conflicts (incident_id, server_seq);
      CREATE TABLE rejected_ops (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        device_id TEXT NOT NULL,
        op_id TEXT,
        device_seq INTEGER,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        body TEXT NOT NULL,
        received_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX rejected_ops_device_op ON rejected_ops (device_id, op_id) WHERE op_id IS NOT NULL;
      CREATE TABLE files (
        sha256 TEXT PRIMARY KEY,
        size INTEGER,
        received INTEGER NOT NULL DEFAULT 0,
        complete INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        completed_at INTEGER
      );
      CREATE TABLE file_chunks (
        sha256 TEXT NOT NULL,
        offset INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (sha256, offset)
      );
      CREATE TABLE file_refs (
        sha256 TEXT NOT NULL,
        op_id TEXT NOT NULL,
        PRIMARY KEY (sha256, op_id)
      );
    `,
  },
  {
    version: 2,
    name: 'device-bound enrollment codes, partial uploads per device',
    // Partial uploads move to per-(file, device) tables, so one device's first chunk cannot block another's upload.
    // Partials of the old shared table cannot be attributed to a device: they are dropped, and devices resume from 0.
    sql: `
      ALTER TABLE enrollment_codes ADD COLUMN for_device_id TEXT;
      CREATE INDEX devices_enrolled ON devices (enrolled_at, id);
      CREATE TABLE file_uploads (
        sha256 TEXT NOT NULL,
        device_id TEXT NOT NULL,
        size INTEGER NOT NULL,
        received INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (sha256, device_id)
      );
      CREATE INDEX file_uploads_updated ON file_uploads (updated_at);
      CREATE TABLE upload_chunks (
        sha256 TEXT NOT NULL,
        device_id TEXT NOT NULL,
        offset INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (sha256, device_id, offset)
      );
      DELETE FROM file_chunks WHERE sha256 IN (SELECT sha256 FROM files WHERE complete = 0);
      UPDATE files SET received = 0 WHERE complete = 0;
    `,
  },
  {
    version: 3,
    name: 'change feed of the read API',
    // GET /v1/incidents?changes=…: incidents in the order HQ received their latest change (last_seq).
    sql: `
      CREATE INDEX incidents_last_seq ON incidents (last_seq);
    `,
  },
  {
    version: 4,
    name: 'exercise column, pull-cursor signing key',
    // The same as on PostgreSQL (where reading the mark out of the JSON state could fail): the exercise mark is a column
    // written at push time, like status; cursor_key is the HMAC key of pull cursors (kept with the data, so a restored
    // backup still recognises genuine cursors).
    sql: `
      ALTER TABLE incidents ADD COLUMN exercise INTEGER NOT NULL DEFAULT 0;
      UPDATE incidents SET exercise = 1 WHERE coalesce(json_extract(state, '$.fields.exercise'), 0) = 1;
      ALTER TABLE hq_meta ADD COLUMN cursor_key TEXT;
    `,
  },
  {
    version: 5,
    name: 'automatic timeline entries',
    // Entries Lantern writes by itself (author "Lantern (automatic)", no position) have ids every device derives alike;
    // a copy with a higher stamp replaces a stored automatic copy, never a person's entry (shared/sync/automatic-entries.ts).
    sql: `
      ALTER TABLE timeline_events ADD COLUMN automatic INTEGER NOT NULL DEFAULT 0;
      UPDATE timeline_events SET automatic = 1
        WHERE json_extract(body, '$.author.name') = 'Lantern (automatic)' AND json_extract(body, '$.author.position') IS NULL;
    `,
  },
  {
    version: 6,
    name: 'last retry-later answer per device',
    // So the operator can see a device that HQ keeps answering retry-later (written by a newer Lantern, or a gap).
    sql: `
      ALTER TABLE devices ADD COLUMN last_retry_code TEXT;
      ALTER TABLE devices ADD COLUMN last_retry_at INTEGER;
    `,
  },
  {
    version: 7,
    name: 'file size per reference',
    // The first operation to name a file fixed its size for every device (files.size), so a device could name another
    // device's file with a made-up size and block its upload for good. Each reference now keeps the size its own
    // operation named; files.size is only the verified size of a complete file. Existing references take the size
    // their operation's own attachment names (so a file blocked that way can be uploaded again), else the size HQ held.
    sql: `
      ALTER TABLE file_refs ADD COLUMN size INTEGER;
      UPDATE file_refs SET size = COALESCE(
        (SELECT json_extract(a.value, '$.size')
           FROM operations o, json_each(CASE WHEN json_valid(o.body) THEN o.body ELSE '{}' END, '$.attachments') a
           WHERE o.op_id = file_refs.op_id AND a.type = 'object' AND json_extract(a.value, '$.sha256') = file_refs.sha256
             AND json_type(a.value, '$.size') = 'integer' AND json_extract(a.value, '$.size') >= 0
           LIMIT 1),
        (SELECT f.size FROM files f WHERE f.sha256 = file_refs.sha256));
      UPDATE files SET size = NULL WHERE complete = 0;
    `,
  },
];
