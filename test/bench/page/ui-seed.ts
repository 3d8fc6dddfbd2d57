// Seeds the app's own database (same origin as /app/) for search and UI benchmarks: 100,000 list rows with vocabulary words, incidents with 500 timeline entries.
import { createIncidentRepository, DEFAULT_DB_NAME, ensureDevice, fromIncidentRow, openLanternDb, toIncidentRow, wordsOfSearchKeys, type TimelineRow } from '../../../renderer/db';
import { newId } from '../../../shared/domain';
import type { UiSeedOptions, UiSeedReport } from '../lib/bench-protocol';
import { incidentInput, syntheticIncident } from './fixtures';
import { pickWords, seededRandom, vocabulary } from './words';

const NOTE =
  'Checked the chiller panel again: discharge pressure back to normal after the coil clean, cold aisle at 24 °C. ' +
  'Vendor engineer on site until 14:00; next check in thirty minutes.';

const VOCABULARY = vocabulary(2000);
/** A mid-frequency word: about 1.5 % of the list rows carry it, far more than one page of hits. */
export const SEARCH_WORD = VOCABULARY[200]!;

let seeded: UiSeedReport | null = null;

/**
 * One incident gets `events` timeline entries through the repository (1 creation + notes); `timelineIncidents - 1`
 * copies of it (new ids, same entries) follow, so every open can be of an incident not opened before. They are the
 * newest incidents (top rows of the list). Before them, `incidents` older rows through toIncidentRow in bulk, whose titles
 * (5 words) and descriptions (10 words) come from a 2,000-word vocabulary, so *searchKeys is realistic for search.
 */
export async function seedUi({ incidents, timelineIncidents, events }: UiSeedOptions): Promise<UiSeedReport> {
  if (seeded) return seeded;
  const start = performance.now();
  const db = openLanternDb(DEFAULT_DB_NAME);
  try {
    await ensureDevice(db);
    const repo = createIncidentRepository(db);
    const now = Date.now();
    const template = await recordTemplate(repo);
    const next = seededRandom(7);
    let withWord = 0;
    for (let done = 0; done < incidents; done += 5_000) {
      const size = Math.min(5_000, incidents - done);
      const rows = Array.from({ length: size }, (_, i) => {
        const base = syntheticIncident(template, done + i + 1, now - 60_000);
        const title = `${pickWords(VOCABULARY, 5, next).join(' ')} ${done + i + 1}`;
        return toIncidentRow({ ...base, title, description: pickWords(VOCABULARY, 10, next).join(' ') });
      });
      withWord += rows.filter((row) => wordsOfSearchKeys(row.searchKeys).includes(SEARCH_WORD)).length;
      await db.incidents.bulkPut(rows);
    }
    const first = await recordTemplate(repo);
    for (let i = 1; i < events; i++) {
      const note = await repo.addNote(first.id, `${NOTE} (${i})`);
      if (!note.ok) throw new Error(`addNote refused: ${note.error.message}`);
    }
    const row = await db.incidents.get(first.id);
    const timeline = await db.timeline.where('[incidentId+hlc]').between([first.id, ''], [first.id, '\uffff']).toArray();
    if (!row || timeline.length !== events) throw new Error(`expected ${events} timeline entries, found ${timeline.length}`);
    const ids: string[] = [first.id];
    for (let copy = 1; copy < timelineIncidents; copy++) {
      const id = newId();
      ids.push(id);
      // Through toIncidentRow, so the copy's index fields (search keys carry the update time) match its fields.
      const copied = { ...fromIncidentRow(row), id, number: `${row.number.split('-')[0]}-${2_000_000 + copy}`, title: `${row.title} (copy ${copy})`, updatedAt: new Date(now + 60_000 + copy * 1000).toISOString() };
      await db.incidents.put(toIncidentRow(copied, row.noteWords));
      await db.timeline.bulkPut(timeline.map((entry): TimelineRow => ({ ...entry, id: newId(), incidentId: id })));
    }
    await db.incidents.put(toIncidentRow({ ...fromIncidentRow(row), updatedAt: new Date(now + 60_000).toISOString() }, row.noteWords));
    seeded = { incidentIds: ids.reverse(), total: await db.incidents.count(), ms: performance.now() - start, word: SEARCH_WORD, withWord };
    return seeded;
  } finally {
    db.close();
  }
}

async function recordTemplate(repo: ReturnType<typeof createIncidentRepository>) {
  const recorded = await repo.record(incidentInput(0));
  if (!recorded.ok) throw new Error(`Could not record an incident: ${recorded.error.message}`);
  return recorded.value;
}
