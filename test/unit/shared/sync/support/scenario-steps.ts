// Generated offline work for the convergence properties: devices with skewed clocks creating, editing, changing status,
// noting and syncing through faults. Shared by the in-memory property and the one against the real HQ.
import fc from 'fast-check';
import { DEFAULT_HOLD_REASONS, DEFAULT_RESOLUTION_CODES, STATUSES } from '../../../../../shared/domain';

export const DEVICES = 5;
/** Few incidents, so most edits hit the same ones concurrently. */
export const MAX_INCIDENTS = 3;
export const HOUR = 3_600_000;
export const SKEWS = [-6 * HOUR, -2 * HOUR, -60_000, 0, 0, 30 * 60_000, 2 * HOUR, 6 * HOUR];

const device = fc.integer({ min: 0, max: DEVICES - 1 });
/** 0–9; a fault happens below its threshold, so most requests go through. */
const chance = fc.integer({ min: 0, max: 9 });

const editArb = fc.record(
  {
    title: fc.constantFrom('Pump 3 leaking', 'Pump 3 flooding', 'Pump 3 fixed', 'Power out in block A'),
    description: fc.constantFrom('', 'Water on the floor', 'Second floor too'),
    assignee: fc.constantFrom('Sam', 'Ana', null),
    team: fc.constantFrom('Facilities', 'IT', null),
    impact: fc.constantFrom(1 as const, 2 as const, 3 as const),
    urgency: fc.constantFrom(1 as const, 2 as const, 3 as const),
    tags: fc.constantFrom(['water'], ['water', 'urgent'], []),
  },
  { requiredKeys: [] },
);

/** The steps both properties run; `restart` (the app restarting between runs) only where a restart means something. */
export function stepArb(options: { restarts?: boolean } = {}) {
  const restart = { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), device }) };
  return fc.oneof(
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), device, title: fc.constantFrom('Pump 3 leaking', 'Door 4 jammed', 'Power out') }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), device, pick: fc.nat(), edits: editArb }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('status' as const), device, pick: fc.nat(), to: fc.constantFrom(...STATUSES) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('note' as const), device, pick: fc.nat(), text: fc.constantFrom('On site', 'Called vendor', 'Parts ordered') }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('sync' as const), device, dropPush: chance, dropPull: chance, duplicate: chance }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 20 * 60_000 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('clock-jump' as const), device, skew: fc.constantFrom(...SKEWS) }) },
    ...(options.restarts ? [restart] : []),
  );
}
export type Step = ReturnType<typeof stepArb> extends fc.Arbitrary<infer T> ? T : never;

/** Device clock skews: one far ahead, one far behind, the rest drawn. */
export const skewsArb = fc.tuple(...Array.from({ length: DEVICES - 2 }, () => fc.constantFrom(...SKEWS))).map((rest) => [6 * HOUR, -6 * HOUR, ...rest]);

/** Everything any status change may ask for, so generated changes are refused only by the lifecycle itself. */
export const STATUS_INPUT = {
  assignee: 'Sam',
  holdReason: DEFAULT_HOLD_REASONS[0],
  resolutionCode: DEFAULT_RESOLUTION_CODES[0],
  resolutionNotes: 'Replaced the seal',
  cancelReason: 'Reported twice',
  reopenReason: 'Leaking again',
};

/** The quiet round that ends a scenario: no faults, every device syncs twice (the second run brings what the first sent). */
export async function syncQuietly(devices: readonly { sync(): Promise<unknown> }[]): Promise<void> {
  for (let round = 0; round < 2; round++) {
    for (const device of devices) {
      const result = await device.sync();
      if (result instanceof Error) throw result;
    }
  }
}
