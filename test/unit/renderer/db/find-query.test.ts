// Find: the search index follows record/edit/note, and filters, sorts and search read through indexes.
import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countIncidents, createIncidentRepository, findIncidents, setCurrentUser, type FindQuery, type IncidentRepository } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { toIncidentRow } from '../../../../renderer/db/incident-row';
import { wordsOfSearchKeys } from '../../../../renderer/db/search-words';
import { newId, OPEN_STATUSES, type Incident, type NewIncidentInput } from '../../../../shared/domain';
import { freshDb, testClock, type TestClock } from './db-test-kit';

let db: LanternDb;
let clock: TestClock;
let repo: IncidentRepository;

function setup() {
  db = freshDb('find');
  clock = testClock();
  repo = createIncidentRepository(db, clock);
}
afterEach(() => db?.close());

async function record(input: NewIncidentInput): Promise<Incident> {
  clock.advance(60_000);
  const result = await repo.record(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function ok<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  clock.advance(60_000);
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const titles = async (query: FindQuery, limit = 50) => (await findIncidents(db, query, limit)).map((i) => i.title);
const words = async (id: string) => wordsOfSearchKeys((await db.incidents.get(id))!.searchKeys);

describe('search index maintenance', () => {
  it('indexes title and description on record, accent- and case-folded', async () => {
    setup();
    const incident = await record({ title: 'Générateur B ne démarre pas', description: 'UPS alarm in Plant-Room 2' });
    expect(await words(incident.id)).toEqual(expect.arrayContaining(['generateur', 'demarre', 'ups', 'alarm', 'plant', 'room']));
    expect(await words(incident.id)).not.toContain('b');
  });

  it('replaces the words of an edited title and keeps note words', async () => {
    setup();
    const incident = await record({ title: 'Chiller tripped' });
    await ok(repo.addNote(incident.id, 'Compressor reset by vendor'));
    await ok(repo.edit(incident.id, { title: 'Cooling lost in server room' }));
    const indexed = await words(incident.id);
    expect(indexed).toEqual(expect.arrayContaining(['cooling', 'server', 'compressor', 'vendor']));
    expect(indexed).not.toContain('chiller');
  });

  it('adds a note’s words in the same transaction as the note, and communications and corrections too', async () => {
    setup();
    const incident = await record({ title: 'Power cut' });
    const note = await ok(repo.addNote(incident.id, 'Feeder breaker tripped'));
    expect(await words(incident.id)).toEqual(expect.arrayContaining(['feeder', 'breaker']));
    await ok(repo.logCommunication(incident.id, { direction: 'incoming', from: 'Utility', to: 'Desk', channel: 'Phone', message: 'Substation restored' }));
    await ok(repo.correct(incident.id, note.id, 'Main breaker, not feeder'));
    expect(await words(incident.id)).toEqual(expect.arrayContaining(['substation', 'main']));
  });

  it('a refused note adds no words', async () => {
    setup();
    const incident = await record({ title: 'Power cut' });
    const result = await repo.addNote(incident.id, ' ');
    expect(result.ok).toBe(false);
    expect(await words(incident.id)).toEqual(['power', 'cut']);
  });
});

describe('findIncidents', () => {
  async function seed() {
    setup();
    const a = await record({ title: 'Generator failed', impact: 1, urgency: 1, site: ['Main campus'], category: ['Facility', 'Generator & UPS'] });
    const b = await record({ title: 'Printer jam', site: ['Field office'], category: ['IT', 'Hardware'] });
    const c = await record({ title: 'Phishing mail', impact: 2, urgency: 1, major: true, category: ['Security', 'Phishing'] });
    await ok(repo.changeStatus(b.id, 'assigned', { team: 'Service desk', assignee: 'Ana Field' }));
    await ok(repo.changeStatus(c.id, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Mail purged' }));
    await ok(repo.addNote(a.id, 'Injector replaced by vendor'));
    return { a, b, c };
  }

  it('lists newest update first by default and honours the limit', async () => {
    await seed();
    expect(await titles({})).toEqual(['Generator failed', 'Phishing mail', 'Printer jam']);
    expect(await titles({}, 1)).toEqual(['Generator failed']);
  });

  it('filters by several statuses (one index range each, merged in order)', async () => {
    await seed();
    expect(await titles({ statuses: [...OPEN_STATUSES] })).toEqual(['Generator failed', 'Printer jam']);
    expect(await titles({ statuses: ['resolved'] })).toEqual(['Phishing mail']);
  });

  it('filters by priority, category, site, team, assignee, major and unassigned', async () => {
    await seed();
    expect(await titles({ priorities: [1] })).toEqual(['Generator failed']);
    expect(await titles({ category: 'IT › Hardware' })).toEqual(['Printer jam']);
    expect(await titles({ site: 'Main campus' })).toEqual(['Generator failed']);
    expect(await titles({ team: 'Service desk' })).toEqual(['Printer jam']);
    expect(await titles({ assignee: 'Ana Field' })).toEqual(['Printer jam']);
    expect(await titles({ major: true })).toEqual(['Phishing mail']);
    expect(await titles({ unassigned: true })).toEqual(['Generator failed', 'Phishing mail']);
    expect(await titles({ unassigned: true, statuses: ['new'] })).toEqual(['Generator failed']);
  });

  it('"mine" means assigned to the person using this device', async () => {
    await seed();
    expect(await titles({ mine: true })).toEqual([]);
    await setCurrentUser(db, { name: 'Ana Field' });
    expect(await titles({ mine: true })).toEqual(['Printer jam']);
  });

  it('filters by recorded date range', async () => {
    const { b } = await seed();
    expect(await titles({ recordedFrom: b.createdAt, recordedTo: new Date(Date.parse(b.createdAt) + 1).toISOString() })).toEqual(['Printer jam']);
  });

  it('sorts by number, priority and recorded time in both directions', async () => {
    await seed();
    expect(await titles({ sort: { key: 'number', dir: 'asc' } })).toEqual(['Generator failed', 'Printer jam', 'Phishing mail']);
    expect(await titles({ sort: { key: 'createdAt', dir: 'desc' } })).toEqual(['Phishing mail', 'Printer jam', 'Generator failed']);
    expect(await titles({ sort: { key: 'priority', dir: 'asc' } })).toEqual(['Generator failed', 'Phishing mail', 'Printer jam']);
    expect(await titles({ sort: { key: 'priority', dir: 'desc' } })).toEqual(['Printer jam', 'Phishing mail', 'Generator failed']);
  });

  it('searches title, description and notes by word prefix, all words required', async () => {
    await seed();
    expect(await titles({ text: 'inject' })).toEqual(['Generator failed']);
    expect(await titles({ text: 'GENERATOR vendor' })).toEqual(['Generator failed']);
    expect(await titles({ text: 'generator printer' })).toEqual([]);
    expect(await titles({ text: 'purged' })).toEqual([]);
    expect(await titles({ text: 'p' })).toEqual(['Generator failed', 'Phishing mail', 'Printer jam']);
    expect(await titles({ text: 'mail', statuses: ['new'] })).toEqual([]);
  });

  it('a site filter covers the places under it, not sites that only share its first letters; counts follow', async () => {
    setup();
    await record({ title: 'Campus-wide alarm', site: ['Main campus'] });
    await record({ title: 'Block A lift', site: ['Main campus', 'Block A'] });
    await record({ title: 'Floor 2 leak', site: ['Main campus', 'Block A', 'Floor 2'] });
    await record({ title: 'East annex door', site: ['Main campus-East'] });
    await record({ title: 'Second campus', site: ['Main campus2'] });
    await record({ title: 'Field office printer', site: ['Field office'] });
    expect((await titles({ site: 'Main campus' })).sort()).toEqual(['Block A lift', 'Campus-wide alarm', 'Floor 2 leak']);
    expect((await titles({ site: 'Main campus › Block A' })).sort()).toEqual(['Block A lift', 'Floor 2 leak']);
    expect(await titles({ site: 'Main campus › Block A › Floor 2' })).toEqual(['Floor 2 leak']);
    expect(await titles({ site: 'Main' })).toEqual([]);
    // The other index walks honour it too: by SLA time left, by priority, and with a word.
    expect((await titles({ site: 'Main campus', sort: { key: 'slaDue', dir: 'asc' } })).sort()).toEqual(['Block A lift', 'Campus-wide alarm', 'Floor 2 leak']);
    expect((await titles({ site: 'Main campus › Block A', sort: { key: 'priority', dir: 'asc' } })).sort()).toEqual(['Block A lift', 'Floor 2 leak']);
    expect(await titles({ site: 'Main campus', text: 'leak' })).toEqual(['Floor 2 leak']);
    expect(await countIncidents(db, { site: 'Main campus' })).toBe(3);
    expect(await countIncidents(db, { site: 'Main campus-East' })).toBe(1);
  });

  it('a site with more places under it than the skip-scan reads is still filtered completely (walked, not counted)', async () => {
    setup();
    const base = await record({ title: 'Room 0', site: ['Campus', 'Room 0'] });
    const rooms = Array.from({ length: 520 }, (_, i) => toIncidentRow({ ...base, id: newId(), number: `${base.number.slice(0, 5)}${String(i + 2).padStart(4, '0')}`, title: `Room ${i + 1}`, site: ['Campus', `Room ${i + 1}`] }));
    await db.incidents.bulkAdd(rooms);
    await record({ title: 'Elsewhere', site: ['Campus 2'] });
    expect(await titles({ site: 'Campus' }, 1000)).toHaveLength(521);
    expect(await countIncidents(db, { site: 'Campus' })).toBeUndefined();
  });

  it('finds an incident by its number as read over the radio: any case, a leading #, spaces, or its start', async () => {
    setup();
    const first = await record({ title: 'Lift 3 stuck' });
    const second = await record({ title: 'Chiller 2 tripped' });
    const [prefix] = first.number.split('-') as [string];
    expect(await titles({ text: first.number })).toEqual(['Lift 3 stuck']);
    expect(await titles({ text: ` #${second.number.toLowerCase().replace('-', ' - ')} ` })).toEqual(['Chiller 2 tripped']);
    expect(await titles({ text: `${prefix}-` })).toEqual(['Chiller 2 tripped', 'Lift 3 stuck']);
    expect(await titles({ text: prefix.toLowerCase() })).toEqual(['Chiller 2 tripped', 'Lift 3 stuck']);
    expect(await titles({ text: first.number.replace('-', '') })).toEqual(['Lift 3 stuck']);
    // Other filters still apply, and the list is not counted (it grows as its rows arrive).
    expect(await titles({ text: first.number, statuses: ['closed'] })).toEqual([]);
    expect(await countIncidents(db, { text: first.number })).toBeUndefined();
    // A number no incident has is searched as words, so a title holding such a code is still found.
    await record({ title: 'Breaker AB12-7 tripped in the HVAC room' });
    expect(await titles({ text: 'AB12-7' })).toEqual(['Breaker AB12-7 tripped in the HVAC room']);
    expect(await titles({ text: 'hvac' })).toEqual(['Breaker AB12-7 tripped in the HVAC room']);
  });

  it('finds an incident by the digits of its number alone, on every device, unless plain digits are a word incidents hold', async () => {
    setup();
    const first = await record({ title: 'Lift 3 stuck' });
    await record({ title: 'Chiller 2 tripped' });
    // Another laptop's incident 0001, pulled from HQ.
    const other = toIncidentRow({ ...first, id: newId(), number: `${first.number.startsWith('ZZZZ') ? 'YYYY' : 'ZZZZ'}-0001`, title: 'Fire door alarm' });
    await db.incidents.add(other);
    expect((await titles({ text: '1' })).sort()).toEqual(['Fire door alarm', 'Lift 3 stuck']);
    expect((await titles({ text: '#0001' })).sort()).toEqual(['Fire door alarm', 'Lift 3 stuck']);
    expect(await titles({ text: '0002' })).toEqual(['Chiller 2 tripped']);
    expect(await titles({ text: '0002', statuses: ['closed'] })).toEqual([]);
    expect(await countIncidents(db, { text: '0002' })).toBeUndefined();
    // Plain digits that no incident holds as a word are a number; held as a word ("2024"), they are searched as one.
    for (let i = 3; i <= 24; i++) await record({ title: i === 24 ? 'Water leak ward three' : 'Filler' });
    expect(await titles({ text: '24' })).toEqual(['Water leak ward three']);
    await record({ title: 'Boiler service 24 months overdue' });
    expect(await titles({ text: '24' })).toEqual(['Boiler service 24 months overdue']);
    expect(await titles({ text: '#24' })).toEqual(['Water leak ward three']);
    expect(await countIncidents(db, { text: '24' })).toBe(1);
  });

  it('a live list follows new incidents with no text, a word, a number or digits typed (its reads stay in the live query)', async () => {
    setup();
    const first = await record({ title: 'Lift 3 stuck' });
    for (const text of [undefined, 'lift', first.number, '0001', '#1']) {
      const seen: string[][] = [];
      const subscription = liveQuery(() => findIncidents(db, text === undefined ? {} : { text }, 50)).subscribe((rows) => seen.push(rows.map((row) => row.title)));
      await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0));
      const added = await record({ title: 'Lift 4 stuck' });
      await db.incidents.update(first.id, { title: 'Lift 3 stuck again' });
      await vi.waitFor(() => expect(seen.at(-1)).toContain('Lift 3 stuck again'), { timeout: 3000 });
      subscription.unsubscribe();
      await db.incidents.update(first.id, { title: 'Lift 3 stuck' });
      await db.incidents.delete(added.id);
    }
  });

  it('lists search hits newest update first, once each, whether a prefix matches a few indexed words or many', async () => {
    setup();
    // Each title holds two words with the prefix "gen", so each incident is in two of the word ranges walked.
    const made: Incident[] = [];
    for (let i = 0; i < 6; i++) made.push(await record({ title: `Genset ${i} generator alarm` }));
    await ok(repo.addNote(made[2]!.id, 'generator load test passed'));
    const newestFirst = [made[2]!, ...made.filter((_, i) => i !== 2).reverse()].map((incident) => incident.title);
    expect(await titles({ text: 'gen' })).toEqual(newestFirst);
    expect(await titles({ text: 'gen' }, 3)).toEqual(newestFirst.slice(0, 3));
    expect(await titles({ text: 'gen', sort: { key: 'updatedAt', dir: 'asc' } })).toEqual([...newestFirst].reverse());
    // 14 distinct words start with "al" (more than are walked as ranges): the hits are read and sorted instead.
    for (let i = 0; i < 14; i++) await record({ title: `Alarm al${String.fromCharCode(97 + i)}pha` });
    const alarms = await titles({ text: 'al' });
    expect(alarms).toHaveLength(20);
    expect(alarms.slice(0, 14)).toEqual(Array.from({ length: 14 }, (_, i) => `Alarm al${String.fromCharCode(97 + 13 - i)}pha`));
  });
});
