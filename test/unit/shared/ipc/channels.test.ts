// Channel naming rules and the channel ↔ bridge-path mapping.
import { describe, expect, it } from 'vitest';
import {
  bridgePathOf,
  CHANNEL_NAME_PATTERN,
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  isEventChannel,
} from '../../../../shared/ipc/channels';

describe('channel names', () => {
  it('are domain:verb in kebab-case and unique', () => {
    const all = [...INVOKE_CHANNELS, ...EVENT_CHANNELS];
    for (const channel of all) expect(channel).toMatch(CHANNEL_NAME_PATTERN);
    expect(new Set(all).size).toBe(all.length);
  });

  it.each(['App:info', 'app-info', 'app:', ':info', 'app:info:x', 'app: info', 'app:open_external', 'app:-x'])(
    'the pattern rejects %j',
    (name) => expect(name).not.toMatch(CHANNEL_NAME_PATTERN),
  );

  it('never uses "on" as a domain, which would clash with the bridge subscribe method', () => {
    expect(INVOKE_CHANNELS.map((channel) => bridgePathOf(channel)[0])).not.toContain('on');
  });
});

describe('bridgePathOf', () => {
  it('maps domain:kebab-verb to [domain, camelVerb]', () => {
    expect(bridgePathOf('shell:open-external')).toEqual(['shell', 'openExternal']);
    expect(bridgePathOf('app:info')).toEqual(['app', 'info']);
    expect(bridgePathOf('sync:run-now-2x')).toEqual(['sync', 'runNow2x']);
  });
});

describe('isEventChannel', () => {
  it('accepts contract events only', () => {
    expect(isEventChannel('app:navigate')).toBe(true);
    for (const value of ['app:info', 'APP:NAVIGATE', 'app:navigate ', '', null, undefined, 42, {}, ['app:navigate']]) {
      expect(isEventChannel(value)).toBe(false);
    }
  });
});
