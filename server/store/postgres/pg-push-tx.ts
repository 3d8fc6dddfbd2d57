// The push transaction on PostgreSQL: one statement reads everything the batch needs, one writes it all.
import type { PoolClient } from 'pg';
import type { IncidentState } from '../../../shared/sync/merge';
import type { PushTx, PushWrites } from '../types';
import { num, type BigIntText } from './pg-rows';

/**
 * Serializes pushes across every HQ instance on this database (and schema): serverSeq order = commit order.
 * Sent with BEGIN in one round trip; the reads come in the next statement, whose snapshot is taken after the lock.
 */
export const BEGIN_PUSH_SQL = `BEGIN; SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':lantern-push'))`;

const LOAD_SQL = `SELECT
  (SELECT json_build_array(last_seq, last_hlc) FROM devices WHERE id = $1) AS device,
  (SELECT COALESCE(json_agg(json_build_array(op_id, hlc, server_seq)), '[]') FROM operations WHERE op_id = ANY($2::text[])) AS ops,
  (SELECT COALESCE(json_agg(json_build_array(op_id, code, reason)), '[]') FROM rejected_ops WHERE device_id = $1 AND op_id = ANY($2::text[])) AS rejected,
  (SELECT COALESCE(json_agg(json_build_array(original_hlc, hlc)), '[]') FROM operations WHERE original_hlc = ANY($3::text[])) AS capped,
  (SELECT COALESCE(json_agg(json_build_array(id, state)), '[]') FROM incidents WHERE id = ANY($4::text[])) AS incidents,
  (SELECT last_seq FROM hq_meta WHERE id = 1) AS last_seq`;

interface LoadRow {
  device: [number, string | null] | null;
  ops: [string, string, number][];
  rejected: [string, string, string][];
  capped: [string, string][];
  incidents: [string, string][];
  last_seq: BigIntText;
}

// Data-modifying CTEs all run, against one snapshot; none of them reads what another writes.
const WRITE_SQL = `WITH
  ops AS (
    INSERT INTO operations (server_seq, op_id, device_id, device_seq, incident_id, hlc, original_hlc, body, received_at)
    SELECT s, o, d, q, i, h, oh, b, $1 FROM unnest($2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[]) AS t(s, o, d, q, i, h, oh, b)
    RETURNING 1),
  incidents_upsert AS (
    INSERT INTO incidents (id, state, complete, status, updated_at, last_seq)
    SELECT * FROM unnest($10::text[], $11::text[], $12::boolean[], $13::text[], $14::text[], $15::bigint[])
    ON CONFLICT (id) DO UPDATE SET state = excluded.state, complete = excluded.complete, status = excluded.status,
      updated_at = excluded.updated_at, last_seq = excluded.last_seq
    RETURNING 1),
  events AS (
    INSERT INTO timeline_events (id, incident_id, hlc, server_seq, body)
    SELECT * FROM unnest($16::text[], $17::text[], $18::text[], $19::bigint[], $20::text[]) ON CONFLICT (id) DO NOTHING
    RETURNING 1),
  conflicts_insert AS (
    INSERT INTO conflicts (id, incident_id, field, server_seq, body)
    SELECT * FROM unnest($21::text[], $22::text[], $23::text[], $24::bigint[], $25::text[]) ON CONFLICT (id) DO NOTHING
    RETURNING 1),
  rejected AS (
    INSERT INTO rejected_ops (device_id, op_id, device_seq, code, reason, body, received_at)
    SELECT d, o, q, c, r, b, $1 FROM unnest($26::text[], $27::text[], $28::bigint[], $29::text[], $30::text[], $31::text[]) AS t(d, o, q, c, r, b)
    ON CONFLICT DO NOTHING
    RETURNING 1),
  files_insert AS (
    INSERT INTO files (sha256, size, created_at) SELECT s, z, $1 FROM unnest($32::text[], $33::bigint[]) AS t(s, z) ON CONFLICT (sha256) DO NOTHING
    RETURNING 1),
  refs AS (
    INSERT INTO file_refs (sha256, op_id) SELECT * FROM unnest($32::text[], $34::text[]) ON CONFLICT DO NOTHING
    RETURNING 1),
  device AS (
    UPDATE devices SET last_seq = $35, last_hlc = $36, last_seen_at = $1, clock_skew_ms = COALESCE($37, clock_skew_ms) WHERE id = $38
    RETURNING 1)
UPDATE hq_meta SET last_seq = $39 WHERE id = 1`;

export function pgPushTx(client: PoolClient): PushTx {
  return {
    async load(request) {
      const { rows } = await client.query<LoadRow>(LOAD_SQL, [request.deviceId, request.opIds, request.baseStamps, request.incidentIds]);
      const row = rows[0]!;
      return {
        device: { lastSeq: row.device ? num(row.device[0]) : 0, lastHlc: row.device?.[1] ?? null },
        knownOps: new Map(row.ops.map(([opId, hlc, serverSeq]) => [opId, { hlc, serverSeq: num(serverSeq) }])),
        knownRejections: new Map(row.rejected.map(([opId, code, reason]) => [opId, { code, reason }])),
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

function writeParams(w: PushWrites): unknown[] {
  const column = <T, K extends keyof T>(rows: readonly T[], key: K) => rows.map((row) => row[key]);
  return [
    w.now,
    ...(['serverSeq', 'opId', 'deviceId', 'deviceSeq', 'incidentId', 'hlc', 'originalHlc', 'body'] as const).map((key) => column(w.ops, key)),
    ...(['id', 'state', 'complete', 'status', 'updatedAt', 'lastSeq'] as const).map((key) => column(w.incidents, key)),
    ...(['id', 'incidentId', 'hlc', 'serverSeq', 'body'] as const).map((key) => column(w.events, key)),
    ...(['id', 'incidentId', 'field', 'serverSeq', 'body'] as const).map((key) => column(w.conflicts, key)),
    ...(['deviceId', 'opId', 'deviceSeq', 'code', 'reason', 'body'] as const).map((key) => column(w.rejected, key)),
    ...(['sha256', 'size', 'opId'] as const).map((key) => column(w.fileRefs, key)),
    w.device.lastSeq,
    w.device.lastHlc,
    w.device.clockSkewMs,
    w.device.id,
    w.lastServerSeq,
  ];
}
