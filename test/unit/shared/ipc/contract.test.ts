// The contract's schemas: same channel set as the name lists, and hostile payloads rejected.
import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../../shared/ipc/channels';
import { eventContract, invokeContract } from '../../../../shared/ipc/contract';
import { MAX_EXTERNAL_URL_LENGTH } from '../../../../shared/ipc/schemas/limits';

describe('contract coverage', () => {
  it('has a schema pair for exactly the invoke channels', () => {
    expect(Object.keys(invokeContract).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });
  it('has a payload schema for exactly the event channels', () => {
    expect(Object.keys(eventContract).sort()).toEqual([...EVENT_CHANNELS].sort());
  });
});

describe('no-input channels', () => {
  it.each(['app:info', 'secrets:status', 'window:focus'] as const)('%s accepts only undefined', (channel) => {
    const { input } = invokeContract[channel];
    expect(input.safeParse(undefined).success).toBe(true);
    for (const junk of [null, 0, '', 'x', {}, [], { __proto__: { admin: true } }]) {
      expect(input.safeParse(junk).success).toBe(false);
    }
  });
});

describe('shell:open-external input', () => {
  const { input } = invokeContract['shell:open-external'];
  it('accepts a string URL (safety is decided in main, not here)', () => {
    expect(input.safeParse('https://example.com').success).toBe(true);
  });
  it('rejects non-strings, empty and huge strings', () => {
    for (const junk of [undefined, null, 1, {}, ['https://x'], { url: 'https://x' }, '']) {
      expect(input.safeParse(junk).success).toBe(false);
    }
    expect(input.safeParse(`https://x/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`).success).toBe(false);
  });
});

describe('output schemas are strict', () => {
  it('app:info refuses extra fields and wrong types', () => {
    const { output } = invokeContract['app:info'];
    const good = { name: 'Lantern', version: '0.1.0', platform: 'linux', electronVersion: '45.5.0', isPackaged: false };
    expect(output.safeParse(good).success).toBe(true);
    expect(output.safeParse({ ...good, secret: 'token' }).success).toBe(false);
    expect(output.safeParse({ ...good, isPackaged: 'no' }).success).toBe(false);
    expect(output.safeParse({ ...good, name: '' }).success).toBe(false);
  });
  it('secrets:status needs all three fields', () => {
    const { output } = invokeContract['secrets:status'];
    expect(output.safeParse({ available: true, backend: 'basic_text', plainTextFallback: true }).success).toBe(true);
    expect(output.safeParse({ available: true, backend: 'basic_text' }).success).toBe(false);
  });
  it('shell:open-external result has an optional reason', () => {
    const { output } = invokeContract['shell:open-external'];
    expect(output.safeParse({ opened: true }).success).toBe(true);
    expect(output.safeParse({ opened: false, reason: 'nope' }).success).toBe(true);
    expect(output.safeParse({ opened: 'yes' }).success).toBe(false);
  });
  it('window:focus returns { focused }', () => {
    const { output } = invokeContract['window:focus'];
    expect(output.safeParse({ focused: false }).success).toBe(true);
    expect(output.safeParse(undefined).success).toBe(false);
  });
});

describe('app:navigate payload', () => {
  const schema = eventContract['app:navigate'];
  it('accepts opaque id tokens', () => {
    for (const incidentId of ['01J9Z3K6T8', '7f3c2a1e-9b4d-4c1a-8e2f-0a1b2c3d4e5f', 'inc_42', 'hq:17']) {
      expect(schema.safeParse({ incidentId }).success).toBe(true);
    }
  });
  it('rejects hostile ids and shapes', () => {
    const hostile: unknown[] = [
      {},
      { incidentId: '' },
      { incidentId: 42 },
      { incidentId: '../../etc/passwd' },
      { incidentId: '<script>' },
      { incidentId: 'a b' },
      { incidentId: 'x'.repeat(10_000) },
      { incidentId: 'ok', extra: 1 },
      JSON.parse('{"incidentId":"ok","__proto__":{"polluted":true}}'),
      null,
      'ok',
    ];
    for (const payload of hostile) expect(schema.safeParse(payload).success).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
