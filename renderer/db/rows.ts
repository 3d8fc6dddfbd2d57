// Row shapes of the non-incident tables: timeline, outbox, attachments and drafts.
import type { TimelineEvent } from '../../shared/domain';
import type { Operation } from '../../shared/sync/operation';
import type { JsonObject } from './json';

/** Timeline events are stored exactly as the domain defines them (append-only, never edited). */
export type TimelineRow = TimelineEvent;

/**
 * pending: waiting to be pushed; sent: pushed, no receipt yet; acknowledged: HQ has it;
 * rejected: HQ refused it for good (kept with its reason elsewhere so the queue never wedges).
 */
export type OutboxState = 'pending' | 'sent' | 'acknowledged' | 'rejected';

export type OutboxRow = Operation & { state: OutboxState };

/** A file, stored once per content hash however many incidents reference it (filled in by attachments work). */
export interface AttachmentRow {
  sha256: string;
  incidentIds: string[];
  name: string;
  type: string;
  size: number;
  blob: Blob;
  /** ISO 8601 UTC. */
  createdAt: string;
}

/** An autosaved capture-form draft: local UI state, never synced. */
export interface DraftRow {
  id: string;
  /** ISO 8601 UTC (canonical toISOString form, so it sorts as time). */
  updatedAt: string;
  values: JsonObject;
  /**
   * ISO 8601 UTC when the person left the form with this draft in it (Escape, another pane): it waits in the Drafts list
   * instead of coming back into the next new incident. Absent: the window went away (crash, reload), so it carries on.
   * The next autosave of the draft drops it (a put replaces the row).
   */
  setAsideAt?: string;
}
