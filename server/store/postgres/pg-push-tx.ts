// The push transaction on PostgreSQL: one statement reads everything the batch needs, one writes it all.
import type { PoolClient } from 'pg';
import type { IncidentState } from '../../../shared/sync/merge';
import type { PushTx, PushWrites } from '../types';
import { num, numOrNull, type BigIntText } from './pg-rows';

/**
 * Serializes pushes across every HQ instance on this database (and schema): serverSeq order = commit order.
 * Sent with BEGIN in one round trip; the reads come in the next statement, whose snapshot is taken after the lock.
 */
export const BEGIN_PUSH_SQL = `BEGIN; SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':lantern-push'))`;

/** A text list sent as one JSON parameter (cheaper to send than text[]; see WRITE_SQL). */
const list = (n: number) => `ARRAY(SELECT json_array_elements_text($${n}::json))`;

/**
 * The pushing devices' rows are locked (FOR NO KEY UPDATE, the lock the write takes anyway) as they are read: a
 * revocation or re-enrollment that commits first is seen here, and one that comes later waits for this commit, so none
 * can slip in between the check and the commit.
 */
const LOAD_SQL = `SELECT
  (SELECT COALESCE(json_agg(json_build_array(id, last_seq, last_hlc, token_hash, revoked_at)), '[]')
    FROM (SELECT id, last_seq, last_hlc, token_hash, revoked_at FROM devices WHERE id = ANY(${list(1)}) ORDER BY id FOR NO KEY UPDATE) AS d) AS devices,
  (SELECT COALESCE(json_agg(json_build_array(op_id, hlc, server_seq, device_id)), '[]') FROM operations WHERE op_id = ANY(${list(2)})) AS ops,
  (SELECT COALESCE(json_agg(json_build_array(device_id, op_id, code, reason)), '[]') FROM rejected_ops WHERE device_id = ANY(${list(1)}) AND op_id = ANY(${list(2)})) AS rejected,
  (SELECT COALESCE(json_agg(json_build_array(original_hlc, hlc)), '[]') FROM operations WHERE original_hlc = ANY(${list(3)})) AS capped,
  (SELECT COALESCE(json_agg(json_build_array(id, state)), '[]') FROM incidents WHERE id = ANY(${list(4)})) AS incidents,
  hq_id, epoch, last_seq
  FROM hq_meta WHERE id = 1`;

interface LoadRow {
  devices: [string, number, string | null, string, number | null][];
  ops: [string, string, number, string][];
  rejected: [string, string, string, string][];
  capped: [string, string][];
  incidents: [string, string][];
  hq_id: string;
  epoch: string;
  last_seq: BigIntText;
}

/**
 * Data-modifying CTEs all run, against one snapshot; none of them reads what another writes. Each table's rows
 * arrive as one JSON parameter (an array of row arrays, unpacked by PostgreSQL): node-pg escapes text[] parameters
 * element by element in JavaScript, which cost more than the whole insert for a group of 2,000 operations.
 * The parameters are cast to jsonb, parsed once: on plain json every `r->>n` parses the row's text again up to
 * element n (the operation body is 0.5–1.5 KB), which made the insert take twice as long (200 devices: 4,800 →
 * 8,000 ops/s).
 */
const WRITE_SQL = `WITH
  ops AS (
    INSERT INTO operations (server_seq, op_id, device_id, device_seq, incident_id, hlc, original_hlc, body, received_at)
    SELECT (r->>0)::bigint, r->>1, r->>2, (r->>3)::bigint, r->>4, r->>5, r->>6, r->>7, $1 FROM jsonb_array_elements($2::jsonb) AS r
    RETURNING 1),
  incidents_upsert AS (
    INSERT INTO incidents (id, state, complete, status, updated_at, last_seq, exercise)
    SELECT r->>0, r->>1, (r->>2)::boolean, r->>3, r->>4, (r->>5)::bigint, (r->>6)::boolean FROM jsonb_array_elements($3::jsonb) AS r
    ON CONFLICT (id) DO UPDATE SET state = excluded.state, complete = excluded.complete, status = excluded.status,
      updated_at = excluded.updated_at, last_seq = excluded.last_seq, exercise = excluded.exercise
    RETURNING 1),
  events AS (
    INSERT INTO timeline_events (id, incident_id, hlc, server_seq, body, automatic)
    SELECT r->>0, r->>1, r->>2, (r->>3)::bigint, r->>4, FALSE FROM jsonb_array_elements($4::jsonb) AS r WHERE NOT (r->>5)::boolean
    ON CONFLICT (id) DO NOTHING
    RETURNING 1),
  automatic_events AS (
    INSERT INTO timeline_events (id, incident_id, hlc, server_seq, body, automatic)
    SELECT r->>0, r->>1, r->>2, (r->>3)::bigint, r->>4, TRUE FROM jsonb_array_elements($4::jsonb) AS r WHERE (r->>5)::boolean
    -- Only a stored automatic copy of the same incident gives way; stamps compare as JavaScript compares them (code
    -- units), not in the database's collation.
    ON CONFLICT (id) DO UPDATE SET hlc = excluded.hlc, server_seq = excluded.server_seq, body = excluded.body
      WHERE timeline_events.automatic AND timeline_events.incident_id = excluded.incident_id
        AND excluded.hlc COLLATE "C" > timeline_events.hlc COLLATE "C"
    RETURNING 1),
  conflicts_insert AS (
    INSERT INTO conflicts (id, incident_id, field, server_seq, body)
    SELECT r->>0, r->>1, r->>2, (r->>3)::bigint, r->>4 FROM jsonb_array_elements($5::jsonb) AS r ON CONFLICT (id) DO NOTHING
    RETURNING 1),
  rejected AS (
    INSERT INTO rejected_ops (device_id, op_id, device_seq, code, reason, body, received_at)
    SELECT r->>0, r->>1, (r->>2)::bigint, r->>3, r->>4, r->>5, $1 FROM jsonb_array_elements($6::jsonb) AS r
    ON CONFLICT DO NOTHING
    RETURNING 1),
  -- The file's size stays unknown (NULL) until an upload verifies; each reference keeps the size its operation named.
  files_insert AS (
    INSERT INTO files (sha256, size, created_at) SELECT r->>0, NULL::bigint, $1 FROM jsonb_array_elements($7::jsonb) AS r ON CONFLICT (sha256) DO NOTHING
    RETURNING 1),
  refs AS (
    INSERT INTO file_refs (sha256, op_id, size) SELECT r->>0, r->>2, (r->>1)::bigint FROM jsonb_array_elements($7::jsonb) AS r ON CONFLICT DO NOTHING
    RETURNING 1),
  device AS (
    UPDATE devices SET last_seq = (r->>0)::bigint, last_hlc = r->>1, last_seen_at = $1, clock_skew_ms = COALESCE((r->>2)::bigint, devices.clock_skew_ms)
    FROM jsonb_array_elements($8::jsonb) AS r WHERE devices.id = r->>3
    RETURNING 1)
UPDATE hq_meta SET last_seq = $9 WHERE id = 1`;

export function pgPushTx(client: PoolClient): PushTx {
  return {
    async load(request) {
      const opIds = request.opIds.map(storableText);
      const { rows } = await client.query<LoadRow>(LOAD_SQL, [request.deviceIds, opIds, request.baseStamps, request.incidentIds].map((ids) => JSON.stringify(ids)));
      const row = rows[0]!;
      const knownRejections = new Map<string, Map<string, { code: string; reason: string }>>();
      for (const [deviceId, opId, code, reason] of row.rejected) {
        const known = knownRejections.get(deviceId) ?? new Map<string, { code: string; reason: string }>();
        knownRejections.set(deviceId, known.set(opId, { code, reason }));
      }
      return {
        hqId: row.hq_id,
        epoch: row.epoch,
        devices: new Map(row.devices.map(([id, lastSeq, lastHlc]) => [id, { lastSeq: num(lastSeq), lastHlc }])),
        access: new Map(row.devices.map(([id, , , tokenHash, revokedAt]) => [id, { tokenHash, revokedAt: numOrNull(revokedAt) }])),
        knownOps: new Map(row.ops.map(([opId, hlc, serverSeq, deviceId]) => [opId, { hlc, serverSeq: num(serverSeq), deviceId }])),
        knownRejections,
        cappedStamps: new Map(row.capped),
        incidentStates: new Map(row.incidents.map(([id, state]) => [id, JSON.parse(state) as IncidentState])),
        lastServerSeq: num(row.last_seq),
      };
    },
    async write(w) {
      await client.query(WRITE_SQL, writeParams(w));
    },
  };
}

/**
 * PostgreSQL text cannot hold U+0000, and its JSON parser refuses lone surrogates: a refused operation's opId (any
 * string a broken client sent) and a reason quoting it are stored with U+FFFD there, or the push holding them could
 * never commit and would block its device's queue for good. Everything else written is validated (ids, stamps) or
 * travels as JSON text (bodies), where such characters are escapes. Lookups pass opIds through here too, so a resent
 * bad operation finds its refusal.
 */
export function storableText(text: string): string {
  // eslint-disable-next-line no-control-regex -- U+0000 is exactly what PostgreSQL cannot store
  return text.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function writeParams(w: PushWrites): unknown[] {
  const rows = <T, K extends keyof T>(list: readonly T[], keys: readonly K[]) => JSON.stringify(list.map((row) => keys.map((key) => row[key])));
  return [
    w.now,
    rows(w.ops, ['serverSeq', 'opId', 'deviceId', 'deviceSeq', 'incidentId', 'hlc', 'originalHlc', 'body']),
    rows(w.incidents, ['id', 'state', 'complete', 'status', 'updatedAt', 'lastSeq', 'exercise']),
    rows(w.events, ['id', 'incidentId', 'hlc', 'serverSeq', 'body', 'automatic']),
    rows(w.conflicts, ['id', 'incidentId', 'field', 'serverSeq', 'body']),
    rows(
      w.rejected.map((r) => ({ ...r, opId: r.opId === null ? null : storableText(r.opId), reason: storableText(r.reason) })),
      ['deviceId', 'opId', 'deviceSeq', 'code', 'reason', 'body'],
    ),
    rows(w.fileRefs, ['sha256', 'size', 'opId']),
    rows(w.devices, ['lastSeq', 'lastHlc', 'clockSkewMs', 'id']),
    w.lastServerSeq,
  ];
}
