// Outstanding enrollment codes can be listed (never the code itself) and cancelled by the admin.
import { afterEach, describe, expect, it } from 'vitest';
import { enrollmentResponseSchema, PROTOCOL_VERSION } from '../../../shared/sync/wire';
import { announcePostgresSkip, STORE_FACTORIES } from './support/store-factories';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

describe.each(STORE_FACTORIES)('enrollment codes for the admin ($name)', (factory) => {
  let hq: TestHq | undefined;
  afterEach(async () => {
    await hq?.close();
    hq = undefined;
  });

  it('lists unused, unexpired codes without the code, and a cancelled code no longer enrolls', async () => {
    hq = await TestHq.start(factory);
    const issue = async (name: string) => enrollmentResponseSchema.parse((await hq!.request('/v1/admin/enrollments', { token: hq!.adminToken, body: { name } })).json).code;
    const first = await issue('Laptop 7');
    await issue('Laptop 8');
    await hq.enroll('laptop-9', 'Laptop 9'); // issued and used: not outstanding

    const listed = await hq.request('/v1/admin/enrollments', { token: hq.adminToken });
    expect(listed.status).toBe(200);
    const codes = listed.json.enrollments as { id: string; name: string; expiresAt: string; deviceId: string | null }[];
    expect(codes.map((c) => c.name).sort()).toEqual(['Laptop 7', 'Laptop 8']);
    expect(listed.text).not.toContain(first);
    expect(listed.text).not.toContain(first.replace(/-/g, ''));

    const target = codes.find((c) => c.name === 'Laptop 7')!;
    const cancelled = await hq.request(`/v1/admin/enrollments/${target.id}`, { token: hq.adminToken, method: 'DELETE' });
    expect(cancelled.status).toBe(200);
    const refused = await hq.request('/v1/enroll', { body: { code: first, deviceId: 'laptop-7', deviceName: 'Laptop 7', protocolVersion: PROTOCOL_VERSION } });
    expect(refused.status).toBe(401);
    expect(((await hq.request('/v1/admin/enrollments', { token: hq.adminToken })).json.enrollments as unknown[]).length).toBe(1);
    const again = await hq.request(`/v1/admin/enrollments/${target.id}`, { token: hq.adminToken, method: 'DELETE' });
    expect(again.status).toBe(404);
  });
});
