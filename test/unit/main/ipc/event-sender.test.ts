// sendEvent: payloads are checked against the contract before they reach the page.
import { describe, expect, it, vi } from 'vitest';
import { sendEvent } from '../../../../main/ipc/event-sender';
import type { NavigatePayload } from '../../../../shared/ipc/schemas/app';

function fakeTarget(destroyed = false) {
  return { isDestroyed: vi.fn(() => destroyed), send: vi.fn() };
}

describe('sendEvent', () => {
  it('sends a valid payload on the event channel', () => {
    const target = fakeTarget();
    expect(sendEvent(target, 'app:navigate', { incidentId: 'inc-1' })).toBe(true);
    expect(target.send).toHaveBeenCalledWith('app:navigate', { incidentId: 'inc-1' });
  });

  it('throws on a payload that breaks the contract and sends nothing', () => {
    const target = fakeTarget();
    const bad = { incidentId: '../../x', extra: true } as unknown as NavigatePayload;
    expect(() => sendEvent(target, 'app:navigate', bad)).toThrow(/breaks the contract/);
    expect(target.send).not.toHaveBeenCalled();
  });

  it('returns false when there is no live page', () => {
    expect(sendEvent(null, 'app:navigate', { incidentId: 'inc-1' })).toBe(false);
    const destroyed = fakeTarget(true);
    expect(sendEvent(destroyed, 'app:navigate', { incidentId: 'inc-1' })).toBe(false);
    expect(destroyed.send).not.toHaveBeenCalled();
  });
});
