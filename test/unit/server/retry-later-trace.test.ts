// A device HQ answers retry-later (schema-newer, gap) leaves a trace: its last such code and time per device, on the
// admin device list and the status page, and one log line per device for schema-newer.
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATION_SCHEMA_VERSION } from '../../../shared/sync/operation';
import { pushResponseSchema } from '../../../shared/sync/wire';
import { announcePostgresSkip, STORE_FACTORIES } from './support/store-factories';
import { TestDevice } from './support/test-device';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

describe.each(STORE_FACTORIES)('retry-later trace ($name)', (factory) => {
  let hq: TestHq | undefined;
  afterEach(async () => {
    await hq?.close();
    hq = undefined;
  });

  it('records the last retry-later code and time per device, shows it, and logs schema-newer once per device', async () => {
    let now = Date.parse('2026-05-01T10:00:00.000Z');
    const lines: string[] = [];
    hq = await TestHq.start(factory, { clock: { now: () => now }, log: (line) => lines.push(line) });
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id, 'Laptop A');
    await hq.enroll('device-b', 'Laptop B');
    const create = a.create('Gas smell reported');
    await hq.push(token, a.id, [create]);
    const future = { ...a.note(create.incidentId, 'from a newer Lantern'), schemaVersion: OPERATION_SCHEMA_VERSION + 1 };
    for (let i = 0; i < 2; i++) {
      const reply = pushResponseSchema.parse((await hq.pushRaw(token, a.id, [future])).json);
      expect(reply.results[0]).toMatchObject({ status: 'retry-later', code: 'schema-newer' });
      now += 1_000;
    }

    const devices = (await hq.request('/v1/admin/devices', { token: hq.adminToken })).json.devices as Record<string, unknown>[];
    expect(devices.find((d) => d.id === 'device-a')).toMatchObject({ lastRetryLater: { code: 'schema-newer', at: '2026-05-01T10:00:01.000Z' } });
    expect(devices.find((d) => d.id === 'device-b')).toMatchObject({ lastRetryLater: null });
    const status = (await hq.request('/', { protocol: false, token: hq.adminToken })).text;
    expect(status).toMatch(/waiting:\s+1 device answered retry-later in the last 24 h \(GET \/v1\/admin\/devices shows which\)/);
    const logged = lines.filter((line) => /schema-newer|newer Lantern/.test(line));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/Device device-a \("Laptop A"\) .*newer Lantern.*update HQ/);

    // A gap (an operation number skipped) is recorded too, replacing the older code.
    const skipped = { ...a.note(create.incidentId, 'after a hole'), deviceSeq: 50 };
    expect(pushResponseSchema.parse((await hq.pushRaw(token, a.id, [skipped])).json).results[0]).toMatchObject({ status: 'retry-later', code: 'gap' });
    const after = (await hq.request('/v1/admin/devices', { token: hq.adminToken })).json.devices as Record<string, unknown>[];
    expect(after.find((d) => d.id === 'device-a')).toMatchObject({ lastRetryLater: { code: 'gap', at: '2026-05-01T10:00:02.000Z' } });
  });
});
