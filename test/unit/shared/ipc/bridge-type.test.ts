// Compile-time checks of the LanternBridge shape: they fail under `tsc -p tsconfig.node.json`, not at run time.
import { describe, expectTypeOf, it } from 'vitest';
import type { LanternBridge, Unsubscribe } from '../../../../shared/ipc/bridge';
import type { AppInfo, NavigatePayload } from '../../../../shared/ipc/schemas/app';
import type { SecretsStatus } from '../../../../shared/ipc/schemas/secrets';
import type { OpenExternalResult } from '../../../../shared/ipc/schemas/shell';
import type { FocusResult } from '../../../../shared/ipc/schemas/window';

describe('LanternBridge type', () => {
  it('has one typed method per channel', () => {
    expectTypeOf<LanternBridge['app']['info']>().toEqualTypeOf<() => Promise<AppInfo>>();
    expectTypeOf<LanternBridge['shell']['openExternal']>().toEqualTypeOf<(input: string) => Promise<OpenExternalResult>>();
    expectTypeOf<LanternBridge['secrets']['status']>().toEqualTypeOf<() => Promise<SecretsStatus>>();
    expectTypeOf<LanternBridge['window']['focus']>().toEqualTypeOf<() => Promise<FocusResult>>();
    expectTypeOf<keyof LanternBridge>().toEqualTypeOf<'app' | 'shell' | 'secrets' | 'window' | 'on'>();
    expectTypeOf<keyof LanternBridge['shell']>().toEqualTypeOf<'openExternal'>();
  });

  it('types event subscription by event name', () => {
    type On = LanternBridge['on'];
    expectTypeOf<Parameters<On>[0]>().toEqualTypeOf<'app:navigate'>();
    expectTypeOf<Parameters<Parameters<On>[1]>[0]>().toEqualTypeOf<NavigatePayload>();
    expectTypeOf<ReturnType<On>>().toEqualTypeOf<Unsubscribe>();
  });
});
