// Starts the page's side of notifications: the watch feeder and the automatic escalation runner.
import type { LanternDb } from '../../db';
import type { HostNotifications } from '../../host/host-notifications';
import { startEscalationRunner } from './escalation-runner';
import { startWatchFeeder } from './watch-feeder';

export function startNotifications(options: { db: LanternDb; notifications: HostNotifications }): () => void {
  const feeder = startWatchFeeder(options);
  const runner = startEscalationRunner({ db: options.db });
  // First escalation pass once the watches are in, so start-up does not read every timeline twice at once.
  void feeder.ready.then(() => runner.runOnce()).catch((error: unknown) => console.warn('Lantern: automatic escalation failed', error));
  return () => {
    feeder.stop();
    runner.stop();
  };
}
