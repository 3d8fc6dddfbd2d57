// Keeps the notification scheduler on the stored SLA policies: sends them (default first) and reports each change.
import { liveQuery } from 'dexie';
import { policiesDefaultFirst, resolveSlaPolicy, SEED_SLA_POLICY_SET, type Incident, type SlaPolicy, type SlaPolicySet } from '../../../shared/domain';
import type { LanternDb } from '../../db';
import { readSlaPolicySet } from '../../db/sla-policies';
import type { HostNotifications } from '../../host/host-notifications';

export interface SlaPolicyFeed {
  /** Resolves once the stored policies have been read and sent (watches sent earlier would use the stand-ins). */
  readonly ready: Promise<void>;
  /** The policy of an incident under the current set (override → site → default). */
  policyOf(incident: Pick<Incident, 'site' | 'slaPolicyId'>): SlaPolicy;
  stop(): void;
}

export interface SlaPolicyFeedOptions {
  readonly db: LanternDb;
  readonly notifications: Pick<HostNotifications, 'setPolicies'>;
  /**
   * Called after a change has reached the scheduler when it may move incidents to other policies (the default,
   * the site mapping or the list of policies changed): their watches must be sent again with the new ids.
   */
  readonly onReassigned?: () => void;
  readonly onError?: (error: unknown) => void;
}

/** Only ids and the assignment decide which policy an incident gets; target edits need no watch resend. */
function assignmentKey(set: SlaPolicySet): string {
  return JSON.stringify([set.policies.map((p) => p.id), set.assignment]);
}

export function startSlaPolicyFeed(options: SlaPolicyFeedOptions): SlaPolicyFeed {
  const onError = options.onError ?? ((error: unknown) => console.warn('Lantern notifications: could not send the SLA policies', error));
  let current: SlaPolicySet = SEED_SLA_POLICY_SET;
  let sent: string | null = null;
  let sending: Promise<void> = Promise.resolve();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  // Dexie's liveQuery re-runs the read whenever the policy rows or the assignment change, from any tab or window.
  const subscription = liveQuery(() => readSlaPolicySet(options.db)).subscribe({
    next: (set) => {
      current = set;
      // In order: a slow send must not let an older set overwrite a newer one in the scheduler.
      sending = sending.then(async () => {
        try {
          await options.notifications.setPolicies(policiesDefaultFirst(set));
          const key = assignmentKey(set);
          if (sent !== null && key !== sent) options.onReassigned?.();
          sent = key;
        } catch (error) {
          onError(error);
        } finally {
          markReady();
        }
      });
    },
    error: (error: unknown) => {
      onError(error);
      markReady();
    },
  });

  return {
    ready,
    policyOf: (incident) => resolveSlaPolicy(incident, current),
    stop: () => subscription.unsubscribe(),
  };
}
