// The push transaction on SQLite: bulk reads through json_each lists, then the batch's writes (prepared once).
import type Database from 'better-sqlite3';
import type { IncidentState } from '../../../shared/sync/merge';
import type { PushTx, PushWrites } from '../types';
import { prepared } from './statements';

export function sqlitePushTx(db: Database.Database): PushTx {
  return {
    async load(request) {
      const opIds = JSON.stringify(request.opIds);
      const deviceIds = JSON.stringify(request.deviceIds);
      // Read under BEGIN IMMEDIATE: a revocation commits wholly before this transaction or after it.
      const devices = prepared(db, 'SELECT id, last_seq, last_hlc, token_hash, revoked_at FROM devices WHERE id IN (SELECT value FROM json_each(?))').all(deviceIds) as {
        id: string;
        last_seq: number;
        last_hlc: string | null;
        token_hash: string;
        revoked_at: number | null;
      }[];
      const ops = prepared(db, 'SELECT op_id, hlc, server_seq, device_id FROM operations WHERE op_id IN (SELECT value FROM json_each(?))').all(opIds) as {
        op_id: string;
        hlc: string;
        server_seq: number;
        device_id: string;
      }[];
      const rejected = prepared(
        db,
        'SELECT device_id, op_id, code, reason FROM rejected_ops WHERE device_id IN (SELECT value FROM json_each(?)) AND op_id IN (SELECT value FROM json_each(?))',
      ).all(deviceIds, opIds) as { device_id: string; op_id: string; code: string; reason: string }[];
      const capped =
        request.baseStamps.length === 0
          ? []
          : (prepared(db, 'SELECT original_hlc, hlc FROM operations WHERE original_hlc IN (SELECT value FROM json_each(?))').all(JSON.stringify(request.baseStamps)) as { original_hlc: string; hlc: string }[]);
      const incidents = prepared(db, 'SELECT id, state FROM incidents WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(request.incidentIds)) as { id: string; state: string }[];
      const meta = prepared(db, 'SELECT hq_id, epoch, last_seq FROM hq_meta WHERE id = 1').get() as { hq_id: string; epoch: string; last_seq: number };
      const knownRejections = new Map<string, Map<string, { code: string; reason: string }>>();
      for (const row of rejected) {
        const known = knownRejections.get(row.device_id) ?? new Map<string, { code: string; reason: string }>();
        knownRejections.set(row.device_id, known.set(row.op_id, { code: row.code, reason: row.reason }));
      }
      return {
        hqId: meta.hq_id,
        epoch: meta.epoch,
        devices: new Map(devices.map((row) => [row.id, { lastSeq: row.last_seq, lastHlc: row.last_hlc }])),
        access: new Map(devices.map((row) => [row.id, { tokenHash: row.token_hash, revokedAt: row.revoked_at }])),
        knownOps: new Map(ops.map((row) => [row.op_id, { hlc: row.hlc, serverSeq: row.server_seq, deviceId: row.device_id }])),
        knownRejections,
        cappedStamps: new Map(capped.map((row) => [row.original_hlc, row.hlc])),
        incidentStates: new Map(incidents.map((row) => [row.id, JSON.parse(row.state) as IncidentState])),
        lastServerSeq: meta.last_seq,
      };
    },
    async write(writes) {
      writeBatch(db, writes);
    },
  };
}

function writeBatch(db: Database.Database, writes: PushWrites): void {
  const insertOp = prepared(db, 
    `INSERT INTO operations (server_seq, op_id, device_id, device_seq, incident_id, hlc, original_hlc, body, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const op of writes.ops) {
    insertOp.run(op.serverSeq, op.opId, op.deviceId, op.deviceSeq, op.incidentId, op.hlc, op.originalHlc, op.body, writes.now);
  }
  const upsertIncident = prepared(db, 
    `INSERT INTO incidents (id, state, complete, status, updated_at, last_seq, exercise) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, complete = excluded.complete, status = excluded.status,
       updated_at = excluded.updated_at, last_seq = excluded.last_seq, exercise = excluded.exercise`,
  );
  for (const row of writes.incidents) upsertIncident.run(row.id, row.state, row.complete ? 1 : 0, row.status, row.updatedAt, row.lastSeq, row.exercise ? 1 : 0);
  const insertEvent = prepared(db, 'INSERT INTO timeline_events (id, incident_id, hlc, server_seq, body, automatic) VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (id) DO NOTHING');
  // An automatic entry written apart on two laptops: the copy with the higher stamp replaces a stored automatic copy of
  // the same incident, never a person's entry (shared/sync/automatic-entries.ts).
  const upsertAutomaticEvent = prepared(db,
    `INSERT INTO timeline_events (id, incident_id, hlc, server_seq, body, automatic) VALUES (?, ?, ?, ?, ?, 1)
     ON CONFLICT (id) DO UPDATE SET hlc = excluded.hlc, server_seq = excluded.server_seq, body = excluded.body
       WHERE timeline_events.automatic = 1 AND timeline_events.incident_id = excluded.incident_id AND excluded.hlc > timeline_events.hlc`,
  );
  for (const event of writes.events) (event.automatic ? upsertAutomaticEvent : insertEvent).run(event.id, event.incidentId, event.hlc, event.serverSeq, event.body);
  const insertConflict = prepared(db, 'INSERT INTO conflicts (id, incident_id, field, server_seq, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING');
  for (const conflict of writes.conflicts) insertConflict.run(conflict.id, conflict.incidentId, conflict.field, conflict.serverSeq, conflict.body);
  const insertRejected = prepared(db, 
    `INSERT INTO rejected_ops (device_id, op_id, device_seq, code, reason, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  for (const row of writes.rejected) insertRejected.run(row.deviceId, row.opId, row.deviceSeq, row.code, row.reason, row.body, writes.now);
  // The file's size stays unknown (NULL) until an upload verifies: each reference keeps the size its operation named, so
  // the first device to name a file cannot fix its size for everyone (server/files/chunk-upload.ts).
  const insertFile = prepared(db, 'INSERT INTO files (sha256, size, created_at) VALUES (?, NULL, ?) ON CONFLICT (sha256) DO NOTHING');
  const insertRef = prepared(db, 'INSERT INTO file_refs (sha256, op_id, size) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  for (const ref of writes.fileRefs) {
    insertFile.run(ref.sha256, writes.now);
    insertRef.run(ref.sha256, ref.opId, ref.size);
  }
  const updateDevice = prepared(db, 'UPDATE devices SET last_seq = ?, last_hlc = ?, last_seen_at = ?, clock_skew_ms = COALESCE(?, clock_skew_ms) WHERE id = ?');
  for (const device of writes.devices) updateDevice.run(device.lastSeq, device.lastHlc, writes.now, device.clockSkewMs, device.id);
  prepared(db, 'UPDATE hq_meta SET last_seq = ? WHERE id = 1').run(writes.lastServerSeq);
}
