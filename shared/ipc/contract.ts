// The one IPC contract: for every channel, the zod schema of what goes in and what comes back.
import { z } from 'zod';
import type { EventChannel, InvokeChannel } from './channels';
import { appInfoSchema, navigatePayloadSchema } from './schemas/app';
import { notificationSettingsSchema } from '../domain/sla/notification-wire';
import {
  notificationCentreSummarySchema,
  notificationSettingsInputSchema,
  notificationsMarkReadInputSchema,
  notificationsMarkReadResultSchema,
  notificationsOpenPayloadSchema,
  notificationsReportInputSchema,
  notificationsSetPoliciesInputSchema,
  notificationsSetUserInputSchema,
  notificationsWatchInputSchema,
} from './schemas/notifications';
import { replicaAttachResultSchema, replicaCallSchema, replicaReplyResultSchema, replicaReplySchema } from './schemas/replica';
import { secretsStatusSchema } from './schemas/secrets';
import { openExternalInputSchema, openExternalResultSchema } from './schemas/shell';
import {
  syncConnectInputSchema,
  syncConnectionSchema,
  syncConnectResultSchema,
  syncFetchFileInputSchema,
  syncFetchFileResultSchema,
  syncNowResultSchema,
  syncStatusSchema,
} from './schemas/sync';
import { focusResultSchema } from './schemas/window';

/** Input of a channel that takes no argument: anything else the page sends is rejected. */
export const noInput = z.undefined();

export interface InvokeSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}

/** Request/response channels. `satisfies` makes this map and INVOKE_CHANNELS list exactly the same names. */
export const invokeContract = {
  'app:info': { input: noInput, output: appInfoSchema },
  'shell:open-external': { input: openExternalInputSchema, output: openExternalResultSchema },
  'secrets:status': { input: noInput, output: secretsStatusSchema },
  'window:focus': { input: noInput, output: focusResultSchema },
  'sync:status': { input: noInput, output: syncStatusSchema },
  'sync:connection': { input: noInput, output: syncConnectionSchema.nullable() },
  'sync:connect': { input: syncConnectInputSchema, output: syncConnectResultSchema },
  'sync:disconnect': { input: noInput, output: z.null() },
  'sync:now': { input: noInput, output: syncNowResultSchema },
  // A file another device attached, fetched from HQ by main (which holds the token); the page checks its hash.
  'sync:fetch-file': { input: syncFetchFileInputSchema, output: syncFetchFileResultSchema },
  // The page saved a change (its outbox operation committed): main syncs a few seconds later. No payload: nothing to trust.
  'sync:local-change': { input: noInput, output: z.null() },
  'replica:attach': { input: noInput, output: replicaAttachResultSchema },
  'replica:reply': { input: replicaReplySchema, output: replicaReplyResultSchema },
  'notifications:watch': { input: notificationsWatchInputSchema, output: z.null() },
  'notifications:report': { input: notificationsReportInputSchema, output: z.null() },
  'notifications:set-user': { input: notificationsSetUserInputSchema, output: z.null() },
  'notifications:list': { input: noInput, output: notificationCentreSummarySchema },
  'notifications:mark-read': { input: notificationsMarkReadInputSchema, output: notificationsMarkReadResultSchema },
  'notifications:get-settings': { input: noInput, output: notificationSettingsSchema },
  'notifications:set-settings': { input: notificationSettingsInputSchema, output: notificationSettingsSchema },
  'notifications:set-policies': { input: notificationsSetPoliciesInputSchema, output: z.null() },
  // A notification clicked while no window was open: the page that opened for it asks which incident to show.
  'notifications:take-pending-open': { input: noInput, output: notificationsOpenPayloadSchema },
} as const satisfies { readonly [C in InvokeChannel]: InvokeSpec };

/** Events main sends to the page, with the schema of their single payload argument. */
export const eventContract = {
  'app:navigate': navigatePayloadSchema,
  'sync:status-changed': syncStatusSchema,
  'replica:call': replicaCallSchema,
  'notifications:changed': notificationCentreSummarySchema,
  'notifications:open': notificationsOpenPayloadSchema,
} as const satisfies { readonly [E in EventChannel]: z.ZodType };

type InvokeContract = typeof invokeContract;
type EventContract = typeof eventContract;

/** What the page passes to a channel. */
export type InvokeInput<C extends InvokeChannel> = z.input<InvokeContract[C]['input']>;
/** What a main handler receives after parsing. */
export type HandlerInput<C extends InvokeChannel> = z.output<InvokeContract[C]['input']>;
/** What a channel resolves to in the page (and what its handler must return). */
export type InvokeOutput<C extends InvokeChannel> = z.output<InvokeContract[C]['output']>;
/** Payload of an event channel. */
export type EventPayload<E extends EventChannel> = z.output<EventContract[E]>;
