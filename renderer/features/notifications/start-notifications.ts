// Starts the page's background work: the SLA policy feed, the watch feeder, automatic escalation and automatic close.
import type { LanternDb } from '../../db';
import type { HostSync } from '../../host/host';
import type { HostNotifications } from '../../host/host-notifications';
import { startAutoCloseRunner } from './auto-close-runner';
import { autoCloseSyncStateOf } from './auto-close-sync-state';
import { startEscalationRunner } from './escalation-runner';
import { startSlaPolicyFeed } from './sla-policy-feed';
import { startWatchFeeder, type WatchFeeder } from './watch-feeder';

export function startNotifications(options: { db: LanternDb; notifications: HostNotifications; sync: HostSync }): () => void {
  let feeder: WatchFeeder | null = null;
  let stopped = false;
  // A changed default or site mapping moves incidents to other policies: their watches go again with the new ids.
  const policies = startSlaPolicyFeed({ ...options, onReassigned: () => void feeder?.resendAll() });
  const runner = startEscalationRunner({ db: options.db, policyOf: (incident) => policies.policyOf(incident) });
  const closer = startAutoCloseRunner({ db: options.db, syncState: autoCloseSyncStateOf(options.sync) });
  // Watches name their policy, so they wait for the stored policies; the first escalation pass waits for the
  // watches, so start-up does not read every timeline twice at once.
  void policies.ready
    .then(() => {
      if (stopped) return;
      feeder = startWatchFeeder({ ...options, policyIdOf: (incident) => policies.policyOf(incident).id });
      return feeder.ready.then(() => runner.runOnce()).then(() => closer.runOnce());
    })
    .catch((error: unknown) => console.warn('Lantern: automatic escalation failed', error));
  return () => {
    stopped = true;
    policies.stop();
    feeder?.stop();
    runner.stop();
    closer.stop();
  };
}
