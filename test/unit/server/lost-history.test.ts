// Protocol suite, history HQ lost (restored without a new epoch): only proof HQ signed starts a new epoch for the fleet; forged cursors and claims change nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../server/sync/cursor';
import { announcePostgresSkip, PG_SKIP_REASON, PG_URL, STORE_FACTORIES } from './support/store-factories';
import { TestDevice } from './support/test-device';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

const unsigned = (epoch: string, seq: number) => Buffer.from(JSON.stringify({ e: epoch, s: seq }), 'utf8').toString('base64url');

describe.each(STORE_FACTORIES)('HQ lost history ($name)', (factory) => {
  let hq: TestHq | undefined;
  afterEach(async () => {
    await hq?.close();
    hq = undefined;
  });

  async function threeOps() {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    await hq.push(token, a.id, [a.create('One'), a.create('Two'), a.create('Three')]);
    const page = await hq.pull(token);
    expect(page.ops).toHaveLength(3);
    return { hq, a, token, page };
  }

  it('a genuine (signed) cursor past the last sequence number HQ holds starts one new epoch; later ones make only their device start over', async () => {
    const { hq, token, page } = await threeOps();
    // HQ signed this cursor before it lost operations 4–7: the key lives in the database, so the restored HQ still has it.
    const { cursorKey } = await hq.store.meta();
    const lost = await hq.request(`/v1/sync/pull?cursor=${encodeCursor({ epoch: page.epoch, seq: 7 }, cursorKey)}`, { token });
    expect(lost.status, lost.text).toBe(409);
    expect(lost.json).toMatchObject({ error: 'epoch-changed' });
    expect(String(lost.json.message)).toMatch(/lost operations it had already confirmed/);
    const renewed = String(lost.json.epoch);
    expect(renewed).not.toBe(page.epoch);
    expect((await hq.store.meta()).epoch).toBe(renewed);
    // One HQ process starts at most one epoch of its own: the next sign makes its device start over in this one.
    const again = await hq.request(`/v1/sync/pull?cursor=${encodeCursor({ epoch: renewed, seq: 9 }, cursorKey)}`, { token });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error: 'epoch-changed', epoch: renewed });
    expect((await hq.store.meta()).epoch).toBe(renewed);
    // A cursor at the top is fine (an empty page, not a loss).
    const restart = await hq.pull(token);
    expect((await hq.request(`/v1/sync/pull?cursor=${restart.cursor}`, { token })).status).toBe(200);
  });

  it('a forged or altered cursor is a 400 that says what to do, and changes nothing', async () => {
    const { hq, token, page } = await threeOps();
    const genuine = JSON.parse(Buffer.from(page.cursor, 'base64url').toString('utf8')) as { e: string; s: number; m: string };
    const forgeries = [
      Buffer.from(JSON.stringify({ ...genuine, s: 99_999_999 })).toString('base64url'),
      Buffer.from(JSON.stringify({ ...genuine, m: 'A'.repeat(22) })).toString('base64url'),
      encodeCursor({ epoch: page.epoch, seq: 99_999_999 }, 'a key HQ does not have'),
    ];
    for (const cursor of forgeries) {
      const reply = await hq.request(`/v1/sync/pull?cursor=${cursor}`, { token });
      expect(reply.status, reply.text).toBe(400);
      expect(reply.json).toMatchObject({ error: 'invalid-cursor' });
      expect(String(reply.json.message)).toMatch(/signature does not match.*Start again without one/);
    }
    expect((await hq.store.meta()).epoch).toBe(page.epoch);
    expect((await hq.request(`/v1/sync/pull?cursor=${page.cursor}`, { token })).status).toBe(200);
  });

  it('a cursor of an HQ before signing is still taken within what HQ holds, and refused (nothing changed) past it', async () => {
    const { hq, token, page } = await threeOps();
    const old = await hq.pull(token, unsigned(page.epoch, 1));
    expect(old.ops.map((o) => o.serverSeq)).toEqual([2, 3]);
    expect((await hq.request(`/v1/sync/pull?cursor=${old.cursor}`, { token })).status).toBe(200); // its answer is signed

    const forged = await hq.request(`/v1/sync/pull?cursor=${unsigned(page.epoch, 99_999_999)}`, { token });
    expect(forged.status).toBe(400);
    expect(forged.json).toMatchObject({ error: 'invalid-cursor' });
    expect(String(forged.json.message)).toMatch(/made by an older HQ.*Start again without one/);
    expect((await hq.store.meta()).epoch).toBe(page.epoch);
    // Another epoch's cursor is answered as before, whoever made it: the device starts over.
    expect((await hq.request(`/v1/sync/pull?cursor=${unsigned('another', 2)}`, { token })).json).toMatchObject({ error: 'epoch-changed', epoch: page.epoch });
  });

  it("a push claiming HQ confirmed more than it holds starts no epoch for the fleet: the claiming device alone starts over at its next pull", async () => {
    const { hq, a, token, page } = await threeOps();
    const b = new TestDevice('device-b');
    const tokenB = await hq.enroll(b.id);
    // In order: HQ holds 1–3, the batch starts at 4. Nothing happens.
    expect((await hq.pushRaw(token, a.id, [a.create('Four')], undefined, { answeredBelowIn: page.epoch })).status).toBe(200);
    // A claim HQ never made (forged, or HQ lost 5–99): a batch at 100 saying 1–99 were answered.
    for (let seq = 5; seq < 100; seq++) a.skipSeq();
    const claim = await hq.pushRaw(token, a.id, [a.create('A hundred')], undefined, { answeredBelowIn: page.epoch });
    expect(claim.status, claim.text).toBe(200);
    expect(claim.json).toMatchObject({ epoch: page.epoch, results: [{ status: 'retry-later', code: 'gap' }] });
    expect((await hq.store.meta()).epoch).toBe(page.epoch);
    // Other devices sync on undisturbed.
    expect((await hq.pull(tokenB)).epoch).toBe(page.epoch);
    // The claiming device's next pull (its cursor proves no loss) makes it send everything again and pull from the start.
    const next = await hq.request(`/v1/sync/pull?cursor=${page.cursor}`, { token });
    expect(next.status).toBe(409);
    expect(next.json).toMatchObject({ error: 'epoch-changed', epoch: page.epoch });
    expect(String(next.json.message)).toMatch(/sends everything it holds again/);
    expect((await hq.store.meta()).epoch).toBe(page.epoch);
    expect((await hq.request(`/v1/sync/pull?cursor=${page.cursor}`, { token })).status).toBe(200);
  });

  it('a push claim followed by a signed cursor past what HQ holds (a real restore) starts the new epoch', async () => {
    const { hq, a, token, page } = await threeOps();
    for (let seq = 4; seq < 8; seq++) a.skipSeq();
    expect((await hq.pushRaw(token, a.id, [a.create('Eight')], undefined, { answeredBelowIn: page.epoch })).status).toBe(200);
    const { cursorKey } = await hq.store.meta();
    const lost = await hq.request(`/v1/sync/pull?cursor=${encodeCursor({ epoch: page.epoch, seq: 7 }, cursorKey)}`, { token });
    expect(lost.status).toBe(409);
    expect(lost.json.epoch).not.toBe(page.epoch);
    expect((await hq.store.meta()).epoch).toBe(lost.json.epoch);
  });
});

if (!PG_URL) describe.skip(`HQ lost history (postgres): ${PG_SKIP_REASON}`, () => it('runs with LANTERN_TEST_PG_URL', () => undefined));
