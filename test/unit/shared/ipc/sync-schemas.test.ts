// The sync and replica IPC schemas and the HQ address check: good input passes, hostile input is refused.
import { describe, expect, it } from 'vitest';
import { eventContract, invokeContract } from '../../../../shared/ipc/contract';
import { checkHqUrl, MAX_HQ_URL_LENGTH } from '../../../../shared/ipc/schemas/hq-url';
import { replicaCallSchema, replicaReplySchema, replicaResultSchemas } from '../../../../shared/ipc/schemas/replica';
import { INITIAL_SYNC_STATUS } from '../../../../shared/sync/engine/sync-status';

describe('checkHqUrl', () => {
  it.each([
    ['https://hq.example.org', 'https://hq.example.org'],
    ['  HTTPS://HQ.Example.org/ ', 'https://hq.example.org'],
    ['http://10.0.0.5:8080', 'http://10.0.0.5:8080'],
    ['https://example.org/lantern/', 'https://example.org/lantern'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
    ['http://localhost:4000', 'http://localhost:4000'],
  ])('accepts %s as %s', (raw, url) => {
    expect(checkHqUrl(raw)).toEqual({ ok: true, url });
  });

  it.each([
    '',
    '   ',
    'javascript:alert(1)',
    'javascript://hq.example.org/%0aalert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>',
    'ftp://hq.example.org',
    'hq.example.org',
    'https://user:pass@hq.example.org',
    'https://@hq.example.org',
    'https://hq.example.org?x=1',
    'https://hq.example.org/#frag',
    'https://hq.example.org:99999',
    'https://hq example.org',
    'https://hq.example.org/a\\b',
    'https://hq.example.org/\u0000',
    'https://',
    `https://hq.example.org/${'a'.repeat(MAX_HQ_URL_LENGTH)}`,
  ])('refuses %j with a message that does not echo it', (raw) => {
    const result = checkHqUrl(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).not.toMatch(/alert|passwd|pass@|script|frag|x=1/);
  });
});

describe('sync channels', () => {
  const input = { hqUrl: 'https://hq.example.org', enrollmentCode: 'K7QM-2X9P-HT4C-M8WB', deviceName: 'Laptop 7', deviceId: 'dev-a' };
  it('sync:connect takes exactly the four fields, bounded', () => {
    const schema = invokeContract['sync:connect'].input;
    expect(schema.safeParse(input).success).toBe(true);
    for (const junk of [undefined, null, 'x', [], { ...input, extra: 1 }, { ...input, hqUrl: 'h'.repeat(MAX_HQ_URL_LENGTH + 1) }, { ...input, deviceName: '' }, { ...input, deviceId: 'a\nb' }]) {
      expect(schema.safeParse(junk).success).toBe(false);
    }
  });

  it('no-input sync channels take nothing', () => {
    for (const channel of ['sync:status', 'sync:connection', 'sync:disconnect', 'sync:now', 'replica:attach'] as const) {
      expect(invokeContract[channel].input.safeParse(undefined).success).toBe(true);
      expect(invokeContract[channel].input.safeParse({}).success).toBe(false);
    }
  });

  it('status output and event accept the engine’s status and refuse extra fields', () => {
    expect(invokeContract['sync:status'].output.safeParse(INITIAL_SYNC_STATUS).success).toBe(true);
    const failing = { ...INITIAL_SYNC_STATUS, state: 'failing', lastError: { kind: 'local-storage', message: 'Disk full' }, progress: { phase: 'push', done: 1, total: 3 } };
    expect(eventContract['sync:status-changed'].safeParse(failing).success).toBe(true);
    expect(eventContract['sync:status-changed'].safeParse({ ...INITIAL_SYNC_STATUS, token: 'x' }).success).toBe(false);
    expect(eventContract['sync:status-changed'].safeParse({ ...INITIAL_SYNC_STATUS, lastError: { kind: 'boom', message: 'x' } }).success).toBe(false);
  });

  it('connect result is ok with a connection, or a message', () => {
    const { output } = invokeContract['sync:connect'];
    expect(output.safeParse({ ok: true, connection: { hqUrl: 'https://hq.example.org', deviceName: 'L', connectedAt: 1 } }).success).toBe(true);
    expect(output.safeParse({ ok: false, message: 'No.' }).success).toBe(true);
    expect(output.safeParse({ ok: true }).success).toBe(false);
    expect(output.safeParse({ ok: true, connection: { hqUrl: 'x', deviceName: 'L', connectedAt: 1, token: 't' } }).success).toBe(false);
  });
});

describe('replica schemas', () => {
  it('calls are one of the replica methods with their arguments', () => {
    expect(replicaCallSchema.safeParse({ callId: 'call-1234', method: 'pendingOps', args: [500] }).success).toBe(true);
    expect(replicaCallSchema.safeParse({ callId: 'call-1234', method: 'countPending', args: [] }).success).toBe(true);
    expect(replicaCallSchema.safeParse({ callId: 'call-1234', method: 'pendingOps', args: [0] }).success).toBe(false);
    expect(replicaCallSchema.safeParse({ callId: 'call-1234', method: 'pendingOpsAfter', args: [12, 500] }).success).toBe(true);
    expect(replicaCallSchema.safeParse({ callId: 'call-1234', method: 'pendingOpsAfter', args: [-1, 500] }).success).toBe(false);
    expect(replicaCallSchema.safeParse({ callId: 'call-1234', method: 'pendingOpsAfter', args: [1.5, 500] }).success).toBe(false);
    expect(replicaCallSchema.safeParse({ callId: 'call-1234', method: 'pendingOpsAfter', args: [3] }).success).toBe(false);
    expect(replicaCallSchema.safeParse({ callId: 'call-1234', method: 'dropDatabase', args: [] }).success).toBe(false);
    expect(replicaCallSchema.safeParse({ callId: 'call-1234', method: 'getCursor', args: ['x'] }).success).toBe(false);
    expect(replicaCallSchema.safeParse({ callId: 'call-1234', method: 'applyPulledPage', args: [{ epoch: 'e', cursor: 'c', ops: [{}], highestStamp: null, serverTime: 1 }] }).success).toBe(false);
    // The sent marks take one push's batch of device sequence numbers.
    expect(replicaCallSchema.safeParse({ callId: 'call-1234', method: 'markOpsSent', args: [[1, 2, 3]] }).success).toBe(true);
    expect(replicaCallSchema.safeParse({ callId: 'call-1234', method: 'markOpsNotSent', args: [[7]] }).success).toBe(true);
    expect(replicaCallSchema.safeParse({ callId: 'call-1234', method: 'markOpsSent', args: [[]] }).success).toBe(false);
    expect(replicaCallSchema.safeParse({ callId: 'call-1234', method: 'markOpsSent', args: [[0]] }).success).toBe(false);
    expect(replicaCallSchema.safeParse({ callId: 'call-1234', method: 'markOpsSent', args: [[1.5]] }).success).toBe(false);
    expect(replicaCallSchema.safeParse({ callId: 'call-1234', method: 'markOpsNotSent', args: [Array.from({ length: 1001 }, (_, i) => i + 1)] }).success).toBe(false);
  });

  it('replies carry a short error without stacks, or a result checked per method in main', () => {
    expect(replicaReplySchema.safeParse({ callId: 'call-1234', ok: true, result: null }).success).toBe(true);
    expect(replicaReplySchema.safeParse({ callId: 'call-1234', ok: false, error: { kind: 'quota', message: 'Disk full' } }).success).toBe(true);
    expect(replicaReplySchema.safeParse({ callId: 'call-1234', ok: false, error: { kind: 'quota', message: 'x', stack: 'at' } }).success).toBe(false);
    expect(replicaReplySchema.safeParse({ callId: 'x', ok: true, result: null }).success).toBe(false);
    expect(replicaReplySchema.safeParse({ callId: 'call-1234', ok: 'yes', result: null }).success).toBe(false);
    expect(replicaResultSchemas.getCursor.safeParse({ epoch: null, cursor: null }).success).toBe(true);
    expect(replicaResultSchemas.getCursor.safeParse({ epoch: 'e'.repeat(1001), cursor: null }).success).toBe(false);
    expect(replicaResultSchemas.countPending.safeParse(-1).success).toBe(false);
  });
});
