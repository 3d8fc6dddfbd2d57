// Protocol suite, what HQ makes of operations: conflicts kept with both values, capped future stamps, read API, epoch.
import { afterEach, describe, expect, it } from 'vitest';
import { changeStatus, formatHlc, parseHlc } from '../../../shared/domain';
import { incidentDetailResponseSchema, incidentListResponseSchema, MAX_FUTURE_HLC_MS } from '../../../shared/sync/wire';
import { announcePostgresSkip, PG_SKIP_REASON, PG_URL, STORE_FACTORIES } from './support/store-factories';
import { TestDevice } from './support/test-device';
import { TestHq } from './support/test-hq';

announcePostgresSkip();
const HOUR = 3_600_000;

describe.each(STORE_FACTORIES)('HQ merge, read API and epoch ($name)', (factory) => {
  let hq: TestHq;
  afterEach(async () => {
    await hq?.close();
  });

  async function detail(id: string) {
    const reply = await hq.request(`/v1/incidents/${id}`, { token: hq.adminToken, protocol: false });
    expect(reply.status).toBe(200);
    return incidentDetailResponseSchema.parse(reply.json);
  }

  it('two devices set the same field concurrently: HQ keeps the later one and records the conflict with both values', async () => {
    hq = await TestHq.start(factory);
    let now = Date.now();
    const a = new TestDevice('device-a', () => now);
    const b = new TestDevice('device-b', () => now);
    const [tokenA, tokenB] = [await hq.enroll(a.id), await hq.enroll(b.id)];
    const create = a.create('Water leak', { impact: 2 });
    await hq.push(tokenA, a.id, [create]);
    b.adopt(a.incident(create.incidentId));

    const fromA = a.edit(create.incidentId, { title: 'Water leak, 2nd floor' });
    now += 1000;
    const fromB = b.edit(create.incidentId, { title: 'Water leak, server room', urgency: 1 });
    await hq.push(tokenB, b.id, [fromB]);
    await hq.push(tokenA, a.id, [fromA]);

    const { incident, timeline, conflicts } = await detail(create.incidentId);
    expect(incident.title).toBe('Water leak, server room');
    expect(incident.urgency).toBe(1);
    expect(incident.priority).toBeGreaterThanOrEqual(1);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      field: 'title',
      winner: { value: 'Water leak, server room', deviceId: b.id, hlc: fromB.hlc },
      loser: { value: 'Water leak, 2nd floor', deviceId: a.id, hlc: fromA.hlc },
    });
    expect(timeline.map((e) => e.id)).toEqual([create.event.id, fromA.event.id, fromB.event.id]);
  });

  it('caps a stamp 6 h in the future to HQ time, answers the stamp it used, and a correct clock can still win later', async () => {
    const hqNow = Date.parse('2026-11-26T12:00:00.000Z');
    hq = await TestHq.start(factory, { clock: { now: () => hqNow } });
    const fast = new TestDevice('device-fast', () => hqNow + 6 * HOUR);
    const right = new TestDevice('device-right', () => hqNow + 60_000);
    const [tokenFast, tokenRight] = [await hq.enroll(fast.id), await hq.enroll(right.id)];
    const create = fast.create('Roof damage');
    const edit = fast.edit(create.incidentId, { title: 'Roof damage, wing B' });
    const reply = await hq.push(tokenFast, fast.id, [create, edit]);

    const [used1, used2] = reply.results.map((r) => r.hlc!);
    expect(used1).not.toBe(create.hlc);
    expect(parseHlc(used1!)).toEqual({ wallMs: hqNow, counter: 0, node: fast.id });
    expect(used2! > used1!).toBe(true);
    expect(parseHlc(used2!).wallMs - hqNow).toBeLessThanOrEqual(MAX_FUTURE_HLC_MS);
    const pulled = await hq.pullAll(tokenRight);
    expect(pulled.map((o) => [o.op.hlc, o.op.event.hlc])).toEqual([
      [used1, used1],
      [used2, used2],
    ]);
    // The edit's base pointed at the original creation stamp; HQ rewrote it, so no false conflict.
    expect(pulled[1]!.op.base?.title).toBe(used1);
    expect((await detail(create.incidentId)).conflicts).toEqual([]);

    // A device with a correct clock edits a minute later (by real time) and wins, which a +6 h stamp would have prevented.
    right.adopt(fast.incident(create.incidentId));
    const later = right.edit(create.incidentId, { title: 'Roof damage, wing C' });
    expect((await hq.push(tokenRight, right.id, [later])).results[0]).toMatchObject({ status: 'applied', hlc: later.hlc });
    expect((await detail(create.incidentId)).incident.title).toBe('Roof damage, wing C');
    // A resend after a lost answer learns the capped stamp again.
    expect((await hq.push(tokenFast, fast.id, [create])).results[0]).toMatchObject({ status: 'duplicate', hlc: used1 });
  });

  it('after an operation stamped low (an automatic close), later capped operations of the same device still get rising stamps', async () => {
    const hqNow = Date.parse('2026-11-26T12:00:00.000Z');
    hq = await TestHq.start(factory, { clock: { now: () => hqNow } });
    const fast = new TestDevice('device-fast', () => hqNow + 6 * HOUR);
    const right = new TestDevice('device-right', () => hqNow - 60_000);
    const [tokenFast, tokenRight] = [await hq.enroll(fast.id), await hq.enroll(right.id)];
    const z = right.create('Chiller 2 tripped');
    await hq.push(tokenRight, right.id, [z]);
    fast.adopt(right.incident(z.incidentId));
    const x = fast.create('Roof damage');
    // An automatic close on Z: stamped just after Z's newest entry (a right clock's), as autoCloseStamp does, so not
    // capped and below the fast device's capped stamps.
    const after = parseHlc(z.hlc);
    const low = fast.run(z.incidentId, (incident, ctx) => changeStatus(incident, 'cancelled', { cancelReason: 'Logged twice' }, { ...ctx, hlc: formatHlc({ ...after, counter: after.counter + 1, node: fast.id }) }));
    const w = fast.create('Lift stuck');
    const used = (await hq.push(tokenFast, fast.id, [x, low, w])).results.map((r) => r.hlc!);
    expect(used[1]).toBe(low.hlc);
    // W's capped stamp sorts after X's: the device's operations keep their order and never share a stamp.
    expect(used[2]! > used[0]!).toBe(true);
  });

  it('a capped stamp still beats every stamp HQ holds for the incident, as it did on the device that made it', async () => {
    const hqNow = Date.parse('2026-11-26T12:00:00.000Z');
    hq = await TestHq.start(factory, { clock: { now: () => hqNow } });
    const ahead = new TestDevice('device-ahead', () => hqNow + 50 * 60_000); // 50 min fast: within the cap, not capped
    const fast = new TestDevice('device-fast', () => hqNow + 6 * HOUR);
    const [tokenAhead, tokenFast] = [await hq.enroll(ahead.id), await hq.enroll(fast.id)];
    const create = ahead.create('Smoke alarm');
    const rename = ahead.edit(create.incidentId, { title: 'Smoke alarm, kitchen' });
    await hq.push(tokenAhead, ahead.id, [create, rename]);
    fast.adopt(ahead.incident(create.incidentId));

    const mine = fast.edit(create.incidentId, { title: 'Smoke alarm, false alarm' });
    const used = (await hq.push(tokenFast, fast.id, [mine])).results[0]!.hlc!;
    expect(used > rename.hlc).toBe(true);
    expect(parseHlc(used).wallMs).toBeLessThan(hqNow + 6 * HOUR);
    const { incident, conflicts } = await detail(create.incidentId);
    expect(incident.title).toBe('Smoke alarm, false alarm');
    expect(conflicts).toEqual([]);
  });

  it('read API: merged incidents with their fields, filters and paging; the admin token is required', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const ops = ['Alpha', 'Bravo', 'Charlie'].map((title) => a.create(title, { tags: ['t'] }));
    ops.push(a.edit(ops[1]!.incidentId, { assignee: 'Kim' }));
    await hq.push(token, a.id, ops);

    const all = await hq.request('/v1/incidents', { token: hq.adminToken, protocol: false });
    expect(all.status).toBe(200);
    const list = incidentListResponseSchema.parse(all.json);
    expect(list.incidents.map((i) => i.title)).toEqual(['Alpha', 'Bravo', 'Charlie']);
    expect(list.incidents[1]).toMatchObject({ assignee: 'Kim', status: 'new', tags: ['t'], originDeviceId: a.id });
    expect(list.hasMore).toBe(false);

    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page = incidentListResponseSchema.parse((await hq.request(`/v1/incidents?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token: hq.adminToken })).json);
      titles.push(...page.incidents.map((i) => i.title));
      cursor = page.cursor;
    } while (cursor);
    expect(titles).toEqual(['Alpha', 'Bravo', 'Charlie']);

    const closed = incidentListResponseSchema.parse((await hq.request('/v1/incidents?status=resolved,closed', { token: hq.adminToken })).json);
    expect(closed.incidents).toEqual([]);
    const fresh = incidentListResponseSchema.parse((await hq.request(`/v1/incidents?updatedSince=${new Date(Date.now() + HOUR).toISOString()}`, { token: hq.adminToken })).json);
    expect(fresh.incidents).toEqual([]);
    // updatedSince compares instants, whatever the precision of the text: "…:00Z" is not after "…:00.500Z".
    const clocked = new TestDevice('device-c', () => Date.parse('2026-05-01T10:00:00.500Z'));
    await hq.push(await hq.enroll(clocked.id), clocked.id, [clocked.create('Delta')]);
    const since = async (iso: string) => incidentListResponseSchema.parse((await hq.request(`/v1/incidents?updatedSince=${iso}`, { token: hq.adminToken })).json).incidents.map((i) => i.title);
    expect(await since('2026-05-01T10:00:00Z')).toContain('Delta');
    expect(await since('2026-05-01T10:00:00.501Z')).not.toContain('Delta');
    expect((await hq.request('/v1/incidents?status=deleted', { token: hq.adminToken })).status).toBe(400);
    expect((await hq.request('/v1/incidents', { token })).status).toBe(403);
    expect((await hq.request(`/v1/incidents/${ops[0]!.incidentId}`, { protocol: false })).status).toBe(401);
    expect((await hq.request('/v1/incidents/0190a000-0000-7000-8000-000000000000', { token: hq.adminToken })).json).toMatchObject({ error: 'not-found' });
  });

  it('read API: exercise=false lists real incidents only (drills left out of reports), exercise=true the drills', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const real = a.create('Real outage');
    const drill = a.create('Drill: generator fails', { exercise: true });
    await hq.push(token, a.id, [real, drill]);
    const titles = async (query: string) =>
      incidentListResponseSchema.parse((await hq.request(`/v1/incidents${query}`, { token: hq.adminToken })).json).incidents.map((i) => i.title);
    expect((await titles('')).sort()).toEqual(['Drill: generator fails', 'Real outage']);
    expect(await titles('?exercise=false')).toEqual(['Real outage']);
    expect(await titles('?exercise=true')).toEqual(['Drill: generator fails']);
    expect(await titles('?exercise=false&changes=start')).toEqual(['Real outage']);
    expect((await detail(drill.incidentId)).incident.exercise).toBe(true);
    // Marked real afterwards: it joins the real ones.
    await hq.push(token, a.id, [a.edit(drill.incidentId, { exercise: false })]);
    expect((await titles('?exercise=false')).sort()).toEqual(['Drill: generator fails', 'Real outage']);
    const refused = await hq.request('/v1/incidents?exercise=yes', { token: hq.adminToken });
    expect(refused.status).toBe(400);
  });

  it('epoch: after a restore (new epoch) an old cursor gets 409 epoch-changed with the new epoch; pulling from the start works', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    await hq.push(token, a.id, [a.create('Before the restore')]);
    const before = await hq.pull(token);

    const bumped = await hq.request('/v1/admin/epoch', { method: 'POST', token: hq.adminToken });
    const epoch = (bumped.json as { epoch: string }).epoch;
    expect(epoch).not.toBe(before.epoch);

    const stale = await hq.request(`/v1/sync/pull?cursor=${before.cursor}`, { token });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ error: 'epoch-changed', epoch });
    expect(String(stale.json.message)).toMatch(/restored from a backup/);
    const restart = await hq.pull(token);
    expect(restart.epoch).toBe(epoch);
    expect(restart.ops).toHaveLength(1);
    expect(await hq.store.bumpEpoch()).not.toBe(epoch);
  });
  // Lost history noticed by HQ itself (signed cursors, a push's claim): lost-history.test.ts.
});

if (!PG_URL) describe.skip(`HQ merge, read API and epoch (postgres): ${PG_SKIP_REASON}`, () => it('runs with LANTERN_TEST_PG_URL', () => undefined));
