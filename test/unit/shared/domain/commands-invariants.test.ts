// Property tests across all commands: every result validates, inputs are never mutated, stamps and priority stay consistent.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addNote,
  changeStatus,
  type CommandResult,
  DEFAULT_HOLD_REASONS,
  DEFAULT_RESOLUTION_CODES,
  derivePriority,
  editIncident,
  type EditableFields,
  type Incident,
  incidentSchema,
  STATUSES,
  timelineEventSchema,
} from '../../../../shared/domain';
import { operationSchema, toOperation } from '../../../../shared/sync/operation';
import { deepFreeze, laterCtx, recorded, snapshot } from './fixtures';

const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', '  ', '<b>x</b>', 'x'.repeat(201)));
const edits: fc.Arbitrary<Partial<EditableFields>> = fc.record(
  {
    title: text,
    description: fc.string({ maxLength: 50 }),
    impact: fc.constantFrom(1, 2, 3),
    urgency: fc.constantFrom(1, 2, 3),
    major: fc.boolean(),
    assignee: fc.option(text, { nil: null }),
    tags: fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 3 }),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Partial<EditableFields>>;

const command = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), edits }),
  fc.record({
    kind: fc.constant('status' as const),
    to: fc.constantFrom(...STATUSES),
    input: fc.record(
      {
        assignee: text,
        team: text,
        holdReason: fc.oneof(fc.constantFrom(...DEFAULT_HOLD_REASONS), text),
        resolutionCode: fc.oneof(fc.constantFrom(...DEFAULT_RESOLUTION_CODES), text),
        resolutionNotes: text,
        cancelReason: text,
        reopenReason: text,
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({ kind: fc.constant('note' as const), text }),
);

function run(incident: Incident, cmd: typeof command extends fc.Arbitrary<infer C> ? C : never, counter: number): CommandResult {
  const ctx = deepFreeze(laterCtx(counter));
  switch (cmd.kind) {
    case 'edit':
      return editIncident(incident, deepFreeze(cmd.edits), ctx);
    case 'status':
      return changeStatus(incident, cmd.to, deepFreeze(cmd.input), ctx);
    case 'note':
      return addNote(incident, cmd.text, ctx);
  }
}

describe('command invariants', () => {
  it('hold for any sequence of commands', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 25 }), (commands) => {
        let incident = recorded();
        let deviceSeq = 1;
        commands.forEach((cmd, i) => {
          const counter = i + 1;
          const before = snapshot(incident);
          const result = run(incident, cmd, counter);
          expect(snapshot(incident)).toBe(before);
          if (!result.ok) {
            expect(result.error.message.length).toBeGreaterThan(0);
            return;
          }
          const { incident: next, event, change } = result.value;
          expect(incidentSchema.safeParse(next).success).toBe(true);
          expect(timelineEventSchema.safeParse(event).success).toBe(true);
          expect(next.priority).toBe(derivePriority(next.impact, next.urgency));
          expect(event.hlc).toBe(laterCtx(counter).hlc);
          for (const field of Object.keys(change.set) as (keyof typeof change.set)[]) {
            expect(next.stamps[field]).toBe(event.hlc);
            expect(next[field]).toEqual(change.set[field]);
          }
          for (const [field, value] of Object.entries(next.stamps)) {
            if (!(field in change.set)) expect(value).toBe(incident.stamps[field]);
          }
          deviceSeq += 1;
          const op = toOperation(change, { opId: event.id, deviceId: event.deviceId, deviceSeq, hlc: event.hlc });
          expect(operationSchema.safeParse(JSON.parse(JSON.stringify(op))).success).toBe(true);
          incident = deepFreeze(next);
        });
      }),
      { numRuns: 200 },
    );
  });
});
