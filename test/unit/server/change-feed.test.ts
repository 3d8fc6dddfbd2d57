// Read API change feed: an integration polling `changes` sees every incident HQ received a change of since its last poll,
// including ones recorded offline hours before (which `updatedSince`, the laptop's time, misses); paging; bad marks and marks HQ lost.
import { afterEach, describe, expect, it } from 'vitest';
import { incidentListResponseSchema, type IncidentListResponse } from '../../../shared/sync/wire';
import { announcePostgresSkip, STORE_FACTORIES } from './support/store-factories';
import { TestDevice } from './support/test-device';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

const HOUR = 3_600_000;

describe.each(STORE_FACTORIES)('GET /v1/incidents?changes= ($name)', (factory) => {
  let hq: TestHq | undefined;
  afterEach(async () => {
    await hq?.close();
    hq = undefined;
  });

  async function poll(query: string): Promise<IncidentListResponse> {
    const reply = await hq!.request(`/v1/incidents?${query}`, { token: hq!.adminToken });
    expect(reply.status, reply.text).toBe(200);
    return incidentListResponseSchema.parse(reply.json);
  }

  /** Follows changeMark until hasMore is false; returns the titles seen and the mark for the next poll. */
  async function pollAll(mark: string, limit = 100): Promise<{ titles: string[]; mark: string }> {
    const titles: string[] = [];
    for (let page = 0; page < 100; page++) {
      const answer = await poll(`changes=${mark}&limit=${limit}`);
      titles.push(...answer.incidents.map((incident) => incident.title));
      expect(answer.cursor).toBeNull();
      mark = answer.changeMark!;
      if (!answer.hasMore) return { titles, mark };
    }
    throw new Error('the feed did not end');
  }

  it('lists what HQ received since the last poll, also incidents recorded offline hours earlier', async () => {
    hq = await TestHq.start(factory);
    const offline = new TestDevice('device-offline', () => Date.now() - 2 * HOUR);
    const online = new TestDevice('device-online');
    const offlineToken = await hq.enroll(offline.id);
    const onlineToken = await hq.enroll(online.id);
    const late = offline.create('Generator room flooded');

    const first = await pollAll('start');
    expect(first.titles).toEqual([]);
    const pollTime = new Date().toISOString();
    const pump = online.create('Pump 3 leaking');
    await hq.push(onlineToken, online.id, [pump]);
    const second = await pollAll(first.mark);
    expect(second.titles).toEqual(['Pump 3 leaking']);

    // Recorded two hours ago on a laptop that was offline; HQ receives it only now.
    await hq.push(offlineToken, offline.id, [late]);
    const byTime = await poll(`updatedSince=${encodeURIComponent(pollTime)}`);
    expect(byTime.incidents.map((incident) => incident.title)).toEqual(['Pump 3 leaking']);
    const third = await pollAll(second.mark);
    expect(third.titles).toEqual(['Generator room flooded']);

    // A change to an incident already seen brings it again, once, at its latest change.
    online.adopt((await poll('limit=100')).incidents.find((incident) => incident.id === pump.incidentId)!);
    await hq.push(onlineToken, online.id, [online.note(pump.incidentId, 'Valve closed'), online.edit(pump.incidentId, { title: 'Pump 3 leaking badly' })]);
    const fourth = await pollAll(third.mark);
    expect(fourth.titles).toEqual(['Pump 3 leaking badly']);
    expect((await pollAll(fourth.mark)).titles).toEqual([]);
  });

  it('pages with the mark: every changed incident once, in the order HQ received the changes', async () => {
    hq = await TestHq.start(factory);
    const device = new TestDevice('device-a');
    const token = await hq.enroll(device.id);
    const titles = Array.from({ length: 7 }, (_, i) => `Incident ${i + 1}`);
    for (const title of titles) await hq.push(token, device.id, [device.create(title)]);
    const pages: number[] = [];
    let mark = 'start';
    for (;;) {
      const answer = await poll(`changes=${mark}&limit=3`);
      pages.push(answer.incidents.length);
      mark = answer.changeMark!;
      if (!answer.hasMore) break;
    }
    expect(pages).toEqual([3, 3, 1]);
    expect((await pollAll('start', 2)).titles).toEqual(titles);
    expect((await poll(`changes=${mark}&status=new`)).incidents).toEqual([]);
  });

  it('refuses a mark HQ did not make, a mark from before a restore, and a cursor next to a mark, in plain words', async () => {
    hq = await TestHq.start(factory);
    const device = new TestDevice('device-a');
    const token = await hq.enroll(device.id);
    await hq.push(token, device.id, [device.create('Door 4 jammed')]);
    const { mark } = await pollAll('start');

    const forged = await hq.request('/v1/incidents?changes=bm90LWEtbWFyaw', { token: hq.adminToken });
    expect([forged.status, forged.json.error]).toEqual([400, 'invalid-cursor']);
    expect(forged.json.message).toMatch(/changes=start/);

    const both = await hq.request(`/v1/incidents?changes=${mark}&cursor=abc`, { token: hq.adminToken });
    expect([both.status, both.json.error]).toEqual([400, 'invalid-request']);

    await hq.request('/v1/admin/epoch', { token: hq.adminToken, method: 'POST', body: {} });
    const stale = await hq.request(`/v1/incidents?changes=${mark}`, { token: hq.adminToken });
    expect([stale.status, stale.json.error]).toEqual([409, 'epoch-changed']);
    expect(stale.json.message).toMatch(/restored from a backup.*changes=start/);
    expect((await pollAll('start')).titles).toEqual(['Door 4 jammed']);

    const anonymous = await hq.request('/v1/incidents?changes=start');
    expect(anonymous.status).toBe(401);
  });

  it('a mark past the changes HQ holds (restored from a backup without a new epoch) is 409 epoch-changed, not an empty page', async () => {
    hq = await TestHq.start(factory);
    const device = new TestDevice('device-a');
    const token = await hq.enroll(device.id);
    await hq.push(token, device.id, [device.create('Door 4 jammed')]);
    const { epoch } = await hq.store.meta();
    // The mark an integration holds after polling changes 1–5, of which the restored HQ has only the first.
    const ahead = Buffer.from(`${epoch}:5`, 'utf8').toString('base64url');
    const lost = await hq.request(`/v1/incidents?changes=${ahead}`, { token: hq.adminToken });
    expect([lost.status, lost.json.error]).toEqual([409, 'epoch-changed']);
    expect(lost.json.message).toMatch(/restored from a backup.*changes=start/);
    // HQ would hand out 2–5 again: a new epoch sends the devices' history again, and the old mark stays refused.
    expect(lost.json.epoch).not.toBe(epoch);
    expect((await hq.store.meta()).epoch).toBe(lost.json.epoch);
    expect((await hq.request(`/v1/incidents?changes=${ahead}`, { token: hq.adminToken })).status).toBe(409);
    expect((await pollAll('start')).titles).toEqual(['Door 4 jammed']);
  });
});
