// Compile-time checks of the LanternBridge shape: they fail under `tsc -p tsconfig.node.json`, not at run time.
import { describe, expectTypeOf, it } from 'vitest';
import type { EventListener, LanternBridge, Unsubscribe } from '../../../../shared/ipc/bridge';
import type { AppInfo, NavigatePayload } from '../../../../shared/ipc/schemas/app';
import type { NotificationCentreSummary, NotificationsOpenPayload } from '../../../../shared/ipc/schemas/notifications';
import type { ReplicaCall, ReplicaReply } from '../../../../shared/ipc/schemas/replica';
import type { SecretsStatus } from '../../../../shared/ipc/schemas/secrets';
import type { SyncConnectInput, SyncConnectionInfo, SyncConnectResult, SyncFetchFileResult, SyncNowResult } from '../../../../shared/ipc/schemas/sync';
import type { OpenExternalResult } from '../../../../shared/ipc/schemas/shell';
import type { FocusResult } from '../../../../shared/ipc/schemas/window';
import type { SyncStatus } from '../../../../shared/sync/engine/sync-status';

describe('LanternBridge type', () => {
  it('has one typed method per channel', () => {
    expectTypeOf<LanternBridge['app']['info']>().toEqualTypeOf<() => Promise<AppInfo>>();
    expectTypeOf<LanternBridge['shell']['openExternal']>().toEqualTypeOf<(input: string) => Promise<OpenExternalResult>>();
    expectTypeOf<LanternBridge['secrets']['status']>().toEqualTypeOf<() => Promise<SecretsStatus>>();
    expectTypeOf<LanternBridge['window']['focus']>().toEqualTypeOf<() => Promise<FocusResult>>();
    expectTypeOf<keyof LanternBridge>().toEqualTypeOf<'app' | 'shell' | 'secrets' | 'window' | 'sync' | 'replica' | 'notifications' | 'on'>();
    expectTypeOf<keyof LanternBridge['shell']>().toEqualTypeOf<'openExternal'>();
  });

  it('has the sync and replica methods', () => {
    expectTypeOf<keyof LanternBridge['sync']>().toEqualTypeOf<'status' | 'connection' | 'connect' | 'disconnect' | 'now' | 'fetchFile' | 'localChange'>();
    expectTypeOf<LanternBridge['sync']['localChange']>().toEqualTypeOf<() => Promise<null>>();
    expectTypeOf<LanternBridge['sync']['fetchFile']>().toEqualTypeOf<(input: string) => Promise<SyncFetchFileResult>>();
    expectTypeOf<LanternBridge['sync']['status']>().returns.resolves.toExtend<SyncStatus>();
    expectTypeOf<LanternBridge['sync']['connection']>().toEqualTypeOf<() => Promise<SyncConnectionInfo | null>>();
    expectTypeOf<LanternBridge['sync']['connect']>().toEqualTypeOf<(input: SyncConnectInput) => Promise<SyncConnectResult>>();
    expectTypeOf<LanternBridge['sync']['now']>().toEqualTypeOf<() => Promise<SyncNowResult>>();
    expectTypeOf<keyof LanternBridge['replica']>().toEqualTypeOf<'attach' | 'reply'>();
    expectTypeOf<Parameters<LanternBridge['replica']['reply']>[0]>().toExtend<ReplicaReply>();
  });

  it('has the notifications methods', () => {
    expectTypeOf<keyof LanternBridge['notifications']>().toEqualTypeOf<'watch' | 'report' | 'setUser' | 'list' | 'markRead' | 'getSettings' | 'setSettings' | 'setPolicies' | 'takePendingOpen'>();
    expectTypeOf<LanternBridge['notifications']['list']>().toEqualTypeOf<() => Promise<NotificationCentreSummary>>();
    expectTypeOf<Parameters<EventListener<'notifications:open'>>[0]>().toEqualTypeOf<NotificationsOpenPayload>();
  });

  it('types event subscription by event name', () => {
    type On = LanternBridge['on'];
    expectTypeOf<Parameters<On>[0]>().toEqualTypeOf<'app:navigate' | 'sync:status-changed' | 'replica:call' | 'notifications:changed' | 'notifications:open'>();
    expectTypeOf<Parameters<EventListener<'app:navigate'>>[0]>().toEqualTypeOf<NavigatePayload>();
    expectTypeOf<Parameters<EventListener<'sync:status-changed'>>[0]>().toExtend<SyncStatus>();
    expectTypeOf<Parameters<EventListener<'replica:call'>>[0]>().toEqualTypeOf<ReplicaCall>();
    expectTypeOf<ReturnType<On>>().toEqualTypeOf<Unsubscribe>();
  });
});
