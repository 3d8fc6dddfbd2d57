// Many valid operations fast: real command outputs used as templates, with fresh ids, numbers and stamps.
import { addNote, formatIncidentNumber, newId, recordIncident } from '../../../../../shared/domain';
import type { Operation } from '../../../../../shared/sync/operation';
import { ctxAt, ok, opOf, stampAt, T0 } from './ops';

/** `count` operations of `deviceId` in deviceSeq order: one creation, then notes, per `perIncident` ops. */
export function bulkOps(deviceId: string, count: number, perIncident = 20): Operation[] {
  const creation = ok(recordIncident({ title: 'Bulk incident' }, 1, 'K7QM', ctxAt(deviceId, T0)));
  const note = ok(addNote(creation.incident, 'Bulk reading', ctxAt(deviceId, T0 + 1)));
  const createTemplate = opOf(creation, 1);
  const noteTemplate = opOf(note, 2);
  const ops: Operation[] = [];
  let incidentId = '';
  for (let i = 0; i < count; i++) {
    const hlc = stampAt(T0 + i, deviceId);
    const deviceSeq = i + 1;
    if (i % perIncident === 0) {
      incidentId = newId();
      const number = formatIncidentNumber('K7QM', i / perIncident + 1);
      ops.push({ ...createTemplate, opId: newId(), deviceSeq, hlc, incidentId, init: { ...createTemplate.init!, number }, event: { ...createTemplate.event, id: newId(), incidentId, hlc } });
    } else {
      ops.push({ ...noteTemplate, opId: newId(), deviceSeq, hlc, incidentId, event: { ...noteTemplate.event, id: newId(), incidentId, hlc, text: `Reading ${i}` } as Operation['event'] });
    }
  }
  return ops;
}

/** A small seeded PRNG (mulberry32) so a failing run can be replayed from its printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
