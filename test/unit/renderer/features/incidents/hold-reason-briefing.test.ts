// After a hold reason change, the briefing and the short update (what reminders and radio updates are built from) say the new reason.
import { describe, expect, it } from 'vitest';
import { buildBriefingText, buildShortUpdate } from '../../../../../renderer/features/incidents/briefing-text';
import { changeHoldReason, changeStatus, type CommandResult } from '../../../../../shared/domain';
import { laterCtx, recorded } from '../../../shared/domain/fixtures';

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('hold reason in the briefing', () => {
  it('says the new reason, not the old one', () => {
    const held = ok(changeStatus(recorded(), 'on_hold', { team: 'Facilities', holdReason: 'Awaiting vendor' }, laterCtx(1)));
    const changed = ok(changeHoldReason(held.incident, 'Awaiting parts', laterCtx(2)));
    const context = { nowMs: Date.parse(changed.event.at.utc), majorUpdateDefault: 30 };
    const short = buildShortUpdate(changed.incident, [held.event, changed.event], context);
    expect(short).toContain('On hold (Awaiting parts)');
    expect(short).not.toContain('Awaiting vendor');
    expect(buildBriefingText(changed.incident, [held.event, changed.event], context)).toContain('On hold (Awaiting parts)');
  });
});
