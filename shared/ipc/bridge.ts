// The exact type of `window.lantern`, the object the preload exposes; derived from the contract.
import type { ChannelDomain, ChannelMethod, EventChannel, InvokeChannel } from './channels';
import type { EventPayload, InvokeInput, InvokeOutput } from './contract';

/** A channel's method: no parameter when the channel takes no input, otherwise exactly one. */
export type InvokeMethod<C extends InvokeChannel> = [InvokeInput<C>] extends [undefined]
  ? () => Promise<InvokeOutput<C>>
  : (input: InvokeInput<C>) => Promise<InvokeOutput<C>>;

/** Stops a subscription; calling it more than once is harmless. */
export type Unsubscribe = () => void;

export type EventListener<E extends EventChannel> = (payload: EventPayload<E>) => void;

/** `lantern.<domain>.<camelVerb>(input)` for each channel, e.g. `lantern.shell.openExternal(url)`. */
export type LanternInvokers = {
  readonly [D in ChannelDomain<InvokeChannel>]: {
    readonly [C in InvokeChannel as ChannelDomain<C> extends D ? ChannelMethod<C> : never]: InvokeMethod<C>;
  };
};

export type LanternBridge = LanternInvokers & {
  /** Listen to a main → page event; the listener gets the payload only, never the Electron event. */
  readonly on: <E extends EventChannel>(event: E, listener: EventListener<E>) => Unsubscribe;
};
