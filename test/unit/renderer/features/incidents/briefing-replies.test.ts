// Briefing text with communication replies: under their message, in order; alone (naming the message) when the message is not listed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBriefing, buildBriefingText, type BriefingContext } from '../../../../../renderer/features/incidents/briefing-text';
import { describeEvent } from '../../../../../renderer/features/incidents/timeline-text';
import { at, CREATED, makeEvent, makeIncident, MIN, NOW } from './incident-fixtures';

beforeAll(() => {
  vi.stubEnv('TZ', 'Europe/Berlin');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

const context = (): BriefingContext => ({ nowMs: NOW, majorUpdateDefault: 30 });
const message = makeEvent(CREATED + MIN, { kind: 'communication', direction: 'outgoing', from: 'Facility desk', to: 'Ward 3', channel: 'Radio', message: 'Water off at 14:00' });
const first = makeEvent(CREATED + 3 * MIN, { kind: 'communication_reply', communicationId: message.id, text: 'Tanks filled', from: 'Ward 3', repliedAt: at(CREATED + 2 * MIN), actionTaken: 'Patients told' }, { name: 'Lee Chan' });
const second = makeEvent(CREATED + 4 * MIN, { kind: 'communication_reply', communicationId: message.id, text: 'Tanks at half', from: 'Ward 3 charge nurse', repliedAt: at(CREATED + 4 * MIN) });

describe('briefing with replies', () => {
  it('lists the replies under their message, oldest first, and not again as entries of their own', () => {
    const text = buildBriefingText(makeIncident(), [second, message, first], context());
    expect(text).toContain(
      '- 26 Nov 2026 13:01 UTC+01:00 · Communication · Ana Diaz (Facility Unit Leader)\n' +
        '  Sent by Radio · From Facility desk to Ward 3\n' +
        '  Water off at 14:00\n' +
        '  Reply from Ward 3 · 26 Nov 2026 13:02 UTC+01:00\n' +
        '  Tanks filled\n' +
        '  Action taken: Patients told\n' +
        '  Reply from Ward 3 charge nurse · 26 Nov 2026 13:04 UTC+01:00\n' +
        '  Tanks at half\n',
    );
    expect(text.match(/Tanks at half/g)).toHaveLength(1);
    const timeline = buildBriefing(makeIncident(), [second, message, first], context()).sections.find((section) => section.heading === 'Latest timeline entries')!;
    expect(timeline.detail).toBe('3, newest first');
  });

  it('shows a reply whose message is not listed on its own, saying what it answers', () => {
    const notes = Array.from({ length: 10 }, (_, i) => makeEvent(CREATED + (5 + i) * MIN, { kind: 'note', text: `Note ${i + 1}` }));
    const late = makeEvent(CREATED + 20 * MIN, { kind: 'communication_reply', communicationId: message.id, text: 'Water back on', from: 'Ward 3', repliedAt: at(CREATED + 20 * MIN) });
    const text = buildBriefingText(makeIncident(), [message, ...notes, late], context());
    expect(text).toContain('· Reply · Ana Diaz (Facility Unit Leader)\n  Reply to the communication of 26 Nov 2026 13:01 UTC+01:00: Sent by Radio · From Facility desk to Ward 3 Water off at 14:00\n  Reply from Ward 3 · 26 Nov 2026 13:20 UTC+01:00\n  Water back on\n');
    const orphan = makeEvent(CREATED + 21 * MIN, { kind: 'communication_reply', communicationId: '0190a000-0000-7000-8000-0000000000ff', text: 'Noted', from: 'Ward 9', repliedAt: at(CREATED + 21 * MIN) });
    expect(buildBriefingText(makeIncident(), [orphan], context())).toContain('  Reply to a communication not on this computer\n  Reply from Ward 9');
  });

  it('the plain-text entry of a reply names who replied, when, what they said and what was done', () => {
    expect(describeEvent(first)).toBe('Reply from Ward 3 · 26 Nov 2026 13:02\nTanks filled\nAction taken: Patients told');
  });
});
