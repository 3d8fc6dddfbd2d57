// Tests for communicationProblems (work-commands.ts): every problem of a communication at once, in the order of the form.
import { describe, expect, it } from 'vitest';
import { communicationProblems, logCommunication, type CommunicationInput } from '../../../../shared/domain';
import { laterCtx, recorded } from './fixtures';

const blank: CommunicationInput = { direction: 'outgoing', from: '', to: ' ', channel: '', message: '  ' };

describe('communicationProblems', () => {
  it('names every blank required field at once, each with its own message', () => {
    expect(communicationProblems(blank)).toEqual([
      { code: 'missing-field', field: 'from', message: 'Say who the message is from.' },
      { code: 'missing-field', field: 'to', message: 'Say who the message is to.' },
      { code: 'missing-field', field: 'channel', message: 'Choose the channel (phone, radio, email…).' },
      { code: 'missing-field', field: 'message', message: 'Write the message first.' },
    ]);
  });

  it('adds an unknown direction and priority to the blanks', () => {
    const input = { ...blank, direction: 'sideways', priority: 'whenever' } as unknown as CommunicationInput;
    expect(communicationProblems(input).map((p) => p.field)).toEqual(['direction', 'from', 'to', 'channel', 'message', 'priority']);
  });

  it('finds nothing wrong with a complete message', () => {
    expect(communicationProblems({ direction: 'incoming', from: 'Ward 3', to: 'Desk', channel: 'Phone', message: 'Lights back', priority: 'urgent' })).toEqual([]);
  });

  it('is what logCommunication refuses with: its first problem', () => {
    expect(logCommunication(recorded(), { ...blank, from: 'Ana' }, laterCtx())).toEqual({ ok: false, error: communicationProblems({ ...blank, from: 'Ana' })[0] });
  });
});
