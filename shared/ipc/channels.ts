// Every IPC channel name as plain data, so the sandboxed preload can use it without bundling zod.

/** The key under which the preload exposes the bridge: the page reads it as `window.lantern`. */
export const BRIDGE_KEY = 'lantern';

/**
 * Request/response channels (renderer → main → renderer), named `domain:verb` in kebab-case.
 * Add a channel here AND in `invokeContract` (contract.ts); the type checker then demands a
 * main handler for it, and the preload bridge grows the method `lantern.<domain>.<camelVerb>`.
 */
export const INVOKE_CHANNELS = [
  'app:info',
  'shell:open-external',
  'secrets:status',
  'window:focus',
  'sync:status',
  'sync:connection',
  'sync:connect',
  'sync:disconnect',
  'sync:now',
  'sync:fetch-file',
  'sync:local-change',
  'replica:attach',
  'replica:reply',
  'notifications:watch',
  'notifications:report',
  'notifications:set-user',
  'notifications:list',
  'notifications:mark-read',
  'notifications:get-settings',
  'notifications:set-settings',
  'notifications:set-policies',
  'notifications:take-pending-open',
] as const;

/** Event channels (main → renderer); add here AND in `eventContract` (contract.ts). */
export const EVENT_CHANNELS = ['app:navigate', 'sync:status-changed', 'replica:call', 'notifications:changed', 'notifications:open'] as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/** `domain:verb` with lower-case kebab words on both sides. */
export const CHANNEL_NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*:[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

type KebabToCamel<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<KebabToCamel<Tail>>}`
  : S;

/** `'shell:open-external'` → `'shell'`. */
export type ChannelDomain<C extends string> = C extends `${infer Domain}:${string}` ? Domain : never;
/** `'shell:open-external'` → `'openExternal'`. */
export type ChannelMethod<C extends string> = C extends `${string}:${infer Verb}` ? KebabToCamel<Verb> : never;

/** Runtime twin of ChannelDomain/ChannelMethod: where a channel lives on the bridge object. */
export function bridgePathOf(channel: string): readonly [domain: string, method: string] {
  const separator = channel.indexOf(':');
  const domain = channel.slice(0, separator);
  const method = channel.slice(separator + 1).replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
  return [domain, method];
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}
