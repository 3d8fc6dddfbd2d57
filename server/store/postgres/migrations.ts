// PostgreSQL schema migrations of the HQ store: the SQLite schema in PostgreSQL types (never edit a released one).
import type { Migration } from '../migration';

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE hq_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        hq_id TEXT NOT NULL,
        epoch TEXT NOT NULL,
        admin_token_hash TEXT,
        last_seq BIGINT NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        enrolled_at BIGINT NOT NULL,
        last_seen_at BIGINT,
        revoked_at BIGINT,
        last_seq BIGINT NOT NULL DEFAULT 0,
        last_hlc TEXT,
        clock_skew_ms BIGINT
      );
      CREATE TABLE enrollment_codes (
        code_hash TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at BIGINT,
        device_id TEXT
      );
      CREATE TABLE operations (
        server_seq BIGINT PRIMARY KEY,
        op_id TEXT NOT NULL UNIQUE,
        device_id TEXT NOT NULL,
        device_seq BIGINT NOT NULL,
        incident_id TEXT NOT NULL,
        hlc TEXT NOT NULL,
        original_hlc TEXT,
        body TEXT NOT NULL,
        received_at BIGINT NOT NULL,
        UNIQUE (device_id, device_seq)
      );
      CREATE INDEX operations_original_hlc ON operations (original_hlc) WHERE original_hlc IS NOT NULL;
      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        complete BOOLEAN NOT NULL,
        status TEXT,
        updated_at TEXT,
        last_seq BIGINT NOT NULL
      );
      CREATE INDEX incidents_status ON incidents (status, id);
      CREATE TABLE timeline_events (
        id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL,
        hlc TEXT NOT NULL,
        server_seq BIGINT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX timeline_events_incident ON timeline_events (incident_id, hlc, id);
      CREATE TABLE conflicts (
        id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL,
        field TEXT NOT NULL,
        server_seq BIGINT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX conflicts_incident ON conflicts (incident_id, server_seq);
      CREATE TABLE rejected_ops (
        id BIGSERIAL PRIMARY KEY,
        device_id TEXT NOT NULL,
        op_id TEXT,
        device_seq BIGINT,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        body TEXT NOT NULL,
        received_at BIGINT NOT NULL
      );
      CREATE UNIQUE INDEX rejected_ops_device_op ON rejected_ops (device_id, op_id);
      CREATE TABLE files (
        sha256 TEXT PRIMARY KEY,
        size BIGINT,
        received BIGINT NOT NULL DEFAULT 0,
        complete BOOLEAN NOT NULL DEFAULT FALSE,
        created_at BIGINT NOT NULL,
        completed_at BIGINT
      );
      CREATE TABLE file_chunks (
        sha256 TEXT NOT NULL,
        "offset" BIGINT NOT NULL,
        bytes BYTEA NOT NULL,
        PRIMARY KEY (sha256, "offset")
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
        size BIGINT NOT NULL,
        received BIGINT NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (sha256, device_id)
      );
      CREATE INDEX file_uploads_updated ON file_uploads (updated_at);
      CREATE TABLE upload_chunks (
        sha256 TEXT NOT NULL,
        device_id TEXT NOT NULL,
        "offset" BIGINT NOT NULL,
        bytes BYTEA NOT NULL,
        PRIMARY KEY (sha256, device_id, "offset")
      );
      DELETE FROM file_chunks WHERE sha256 IN (SELECT sha256 FROM files WHERE NOT complete);
      UPDATE files SET received = 0 WHERE NOT complete;
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
    // The read API's exercise filter cast state::jsonb, which fails (22P05) on any incident whose text holds U+0000 or a
    // lone surrogate (stored as JSON escapes): one such incident made every filtered list a 500. The mark is now a column
    // written at push time, like status. The backfill casts too, so it first turns every \uXXXX escape into a harmless
    // one (\u0020): a replacement that starts with the backslash it replaces keeps the JSON valid whatever precedes it,
    // and only string contents change, never fields.exercise.
    // cursor_key: the HMAC key of pull cursors, in the database so a restored backup still recognises genuine cursors.
    sql: String.raw`
      ALTER TABLE incidents ADD COLUMN exercise BOOLEAN NOT NULL DEFAULT FALSE;
      UPDATE incidents SET exercise = TRUE
        WHERE coalesce((regexp_replace(state, '\\u[0-9a-fA-F]{4}', '\\u0020', 'g')::jsonb -> 'fields' ->> 'exercise')::boolean, false);
      ALTER TABLE hq_meta ADD COLUMN cursor_key TEXT;
    `,
  },
  {
    version: 5,
    name: 'automatic timeline entries',
    // As on SQLite: a copy with a higher stamp replaces a stored automatic copy, never a person's entry. The backfill
    // reads the author through the same escape-neutralising cast as version 4 (the author name holds no escapes).
    sql: String.raw`
      ALTER TABLE timeline_events ADD COLUMN automatic BOOLEAN NOT NULL DEFAULT FALSE;
      UPDATE timeline_events SET automatic = TRUE
        WHERE (regexp_replace(body, '\\u[0-9a-fA-F]{4}', '\\u0020', 'g')::jsonb -> 'author' ->> 'name') = 'Lantern (automatic)'
          AND (regexp_replace(body, '\\u[0-9a-fA-F]{4}', '\\u0020', 'g')::jsonb -> 'author' -> 'position') IS NULL;
    `,
  },
  {
    version: 6,
    name: 'last retry-later answer per device',
    // As on SQLite: the operator sees a device HQ keeps answering retry-later (written by a newer Lantern, or a gap).
    sql: `
      ALTER TABLE devices ADD COLUMN last_retry_code TEXT;
      ALTER TABLE devices ADD COLUMN last_retry_at BIGINT;
    `,
  },
  {
    version: 7,
    name: 'file size per reference',
    // As on SQLite: each reference keeps the size its own operation named (the first one no longer fixes it for every
    // device); files.size is only the verified size of a complete file. Existing references take the size their
    // operation's own attachment names, else the size HQ held. The body is read through the same escape-neutralising
    // cast as version 4 (sizes and hashes hold no escapes); only plain integers are cast.
    sql: String.raw`
      ALTER TABLE file_refs ADD COLUMN size BIGINT;
      UPDATE file_refs r SET size = COALESCE(
        (SELECT (a ->> 'size')::bigint
           FROM operations o
             CROSS JOIN LATERAL (SELECT regexp_replace(o.body, '\\u[0-9a-fA-F]{4}', '\\u0020', 'g')::jsonb -> 'attachments' AS list) AS b
             CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(b.list) = 'array' THEN b.list ELSE '[]'::jsonb END) AS a
           WHERE o.op_id = r.op_id AND jsonb_typeof(a) = 'object' AND a ->> 'sha256' = r.sha256 AND (a ->> 'size') ~ '^[0-9]{1,15}$'
           LIMIT 1),
        (SELECT f.size FROM files f WHERE f.sha256 = r.sha256));
      UPDATE files SET size = NULL WHERE NOT complete;
    `,
  },
];
