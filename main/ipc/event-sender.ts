// Sends main → page events after checking the payload against the contract.
import type { EventChannel } from '../../shared/ipc/channels';
import { eventContract, type EventPayload } from '../../shared/ipc/contract';
import { describeIssues } from './describe-issues';

/** The parts of Electron's WebContents used to deliver an event. */
export interface EventTargetLike {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/**
 * Returns false when there is no live page to receive the event. An invalid payload is a bug in
 * main, so it throws instead of sending something the page's types promise can never arrive.
 */
export function sendEvent<E extends EventChannel>(
  target: EventTargetLike | null | undefined,
  event: E,
  payload: EventPayload<E>,
): boolean {
  const parsed = eventContract[event].safeParse(payload);
  if (!parsed.success) throw new TypeError(`Event '${event}' payload breaks the contract: ${describeIssues(parsed.error)}`);
  if (!target || target.isDestroyed()) return false;
  target.send(event, parsed.data);
  return true;
}
