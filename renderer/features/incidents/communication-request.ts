// "Log it as sent" after "Copy update": asks the incident's communication form to open with the copied text as its message.
import { create } from 'zustand';

export interface CommunicationRequest {
  readonly incidentId: string;
  /** The text exactly as it was copied (and sent). */
  readonly message: string;
  /** Counts every request, so asking twice for the same text opens the form twice. */
  readonly serial: number;
}

interface RequestState {
  request: CommunicationRequest | null;
}

export const useCommunicationRequestStore = create<RequestState>(() => ({ request: null }));

/** The briefing actions and the form sit apart in the detail view; this is the one message between them. */
export function requestUpdateLog(incidentId: string, message: string): void {
  useCommunicationRequestStore.setState((state) => ({ request: { incidentId, message, serial: (state.request?.serial ?? 0) + 1 } }));
}

/** The form took the request (it opened, filled in): it is not acted on again. */
export function takeUpdateLogRequest(serial: number): void {
  useCommunicationRequestStore.setState((state) => (state.request?.serial === serial ? { request: null } : state));
}
