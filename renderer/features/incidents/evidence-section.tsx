// The incident's evidence: each item with its current holder and location, its full chain of custody on demand, and the forms that extend it.
import { useId, useMemo, useState } from 'react';
import { CUSTODY_ACTION_LABELS, safeAttachmentName, type Incident, type TimelineEvent } from '../../../shared/domain';
import { evidenceItems, lateEntries, type CustodyEvent, type EvidenceItem } from '../../../shared/domain/custody';
import { useServices } from '../../app/services';
import { useAttachments } from '../../db/attachments-live';
import type { StoredAttachment } from '../../db/attachments-stored';
import { createCustodyRepository, type CustodyRepository } from '../../db/custody';
import { DEFAULT_AUTHOR, useCurrentUser } from '../../db';
import { formatZoned } from '../format';
import { EvidenceForm, shortHash } from './evidence-form';
import { useInlineDialog } from './inline-dialog';
import { announce } from '../../store/announce-store';
import './evidence.css';

/** The form closes after a save with focus back on its button: a screen reader hears that the save happened. */
function announcingSaves(repo: CustodyRepository): CustodyRepository {
  return {
    collect: async (incidentId, input) => {
      const result = await repo.collect(incidentId, input);
      if (result.ok) announce('Evidence collected');
      return result;
    },
    record: async (incidentId, input) => {
      const result = await repo.record(incidentId, input);
      if (result.ok) announce('Custody recorded');
      return result;
    },
  };
}

// Offered in every status, closed and cancelled included: custody of evidence outlives the incident.
export function EvidenceSection({ incident, events }: { incident: Incident; events: readonly TimelineEvent[] }) {
  const { db } = useServices();
  const repo = useMemo(() => announcingSaves(createCustodyRepository(db)), [db]);
  const items = useMemo(() => evidenceItems(events), [events]);
  const files = useAttachments(incident.id) ?? [];
  const user = useCurrentUser();
  // The placeholder name of a device nobody has named yet is no one's name: the collector is then typed.
  const me = user && user.name !== DEFAULT_AUTHOR.name ? user.name : '';
  const { open, toggle, close, openerRef, panelRef } = useInlineDialog();
  const headingId = useId();
  const inCustody = items.filter((item) => item.ending === null).length;

  return (
    <section className="evidence-section" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Evidence{' '}
        {items.length > 0 && <span className="muted evidence-count">{`${items.length} ${items.length === 1 ? 'item' : 'items'}, ${inCustody} in custody`}</span>}
      </h3>
      {items.length === 0 && <p className="muted">No evidence recorded. Collect an item to start its chain of custody.</p>}
      {items.length > 0 && (
        <ul className="evidence-items" aria-label="Evidence items">
          {items.map((item) => <EvidenceRow key={item.itemId} incidentId={incident.id} item={item} files={files} me={me} repo={repo} />)}
        </ul>
      )}
      <div className="evidence-collect">
        <button ref={openerRef} type="button" aria-expanded={open} onClick={toggle}>
          Collect evidence
        </button>
        {open && <EvidenceForm incidentId={incident.id} files={files} me={me} repo={repo} panelRef={panelRef} onDone={close} />}
      </div>
    </section>
  );
}

interface RowProps {
  incidentId: string;
  item: EvidenceItem;
  files: readonly StoredAttachment[];
  me: string;
  repo: CustodyRepository;
}

function EvidenceRow({ incidentId, item, files, me, repo }: RowProps) {
  const [expanded, setExpanded] = useState(false);
  const { open, toggle, close, openerRef, panelRef } = useInlineDialog();
  const id = useId();
  const { last, ending } = item;
  return (
    <li className={`evidence-item${ending ? ' ended' : ''}`}>
      <div className="evidence-summary">
        <span className="evidence-name">{item.item}</span>
        {ending && <span className="badge evidence-ended">Chain ended</span>}
        <span className="evidence-state muted">
          {whereItIs(item)}
          {' · '}
          {`${CUSTODY_ACTION_LABELS[last.action]} `}
          <time dateTime={last.handledAt.utc}>{formatZoned(last.handledAt)}</time>
        </span>
      </div>
      <div className="evidence-buttons">
        <button type="button" className="ghost small" aria-expanded={expanded} aria-controls={`${id}-chain`} onClick={() => setExpanded((open) => !open)}>
          {`Chain of custody (${item.chain.length})`}
          <span className="visually-hidden">{` of ${item.item}`}</span>
        </button>
        {/* Offered on an ended chain too: a link handled before the end may be written down later (the domain refuses one after it). */}
        <button ref={openerRef} type="button" className="small" aria-expanded={open} onClick={toggle}>
          Record custody<span className="visually-hidden">{` of ${item.item}`}</span>
        </button>
      </div>
      {expanded && <Chain id={`${id}-chain`} item={item} files={files} />}
      {open && <EvidenceForm incidentId={incidentId} item={item} files={files} me={me} repo={repo} panelRef={panelRef} onDone={close} />}
    </li>
  );
}

/** "Held by Ben · at Forensics van", "At Evidence locker 2" (in storage, nobody holds it), or "Location not recorded". */
function whereItIs(item: EvidenceItem): string {
  if (item.holder === '') return item.location ? `At ${item.location}` : 'Location not recorded';
  return item.location ? `Held by ${item.holder} · at ${item.location}` : `Held by ${item.holder}`;
}

/** "Ana → Ben", "Ben → —" (nobody holds it afterwards); nothing when neither is named (an examination, say). */
function peopleText(link: CustodyEvent): string {
  if (link.from === '' && link.to === '') return '';
  return `${link.from || '—'} → ${link.to || '—'}`;
}

function Chain({ id, item, files }: { id: string; item: EvidenceItem; files: readonly StoredAttachment[] }) {
  // Late: handled before an entry recorded earlier (rule and why it is the same on every device: `lateEntries`).
  const late = useMemo(() => lateEntries(item.chain), [item.chain]);
  return (
    <ol id={id} className="evidence-chain" aria-label={`Chain of custody: ${item.item}`}>
      {item.chain.map((link) => <ChainLink key={link.id} link={link} late={late.has(link.id)} ending={item.afterEnd.includes(link.id) ? item.ending : null} files={files} />)}
    </ol>
  );
}

/** `ending` is given only for a link handled after the chain's end (see EvidenceItem.afterEnd). */
function ChainLink({ link, late, ending, files }: { link: CustodyEvent; late: boolean; ending: CustodyEvent | null; files: readonly StoredAttachment[] }) {
  const file = link.sha256 ? files.find((candidate) => candidate.sha256 === link.sha256) : undefined;
  const people = peopleText(link);
  return (
    <li className={`evidence-link action-${link.action}${ending ? ' after-end' : ''}`}>
      <div className="evidence-link-head">
        <strong>{CUSTODY_ACTION_LABELS[link.action]}</strong>
        {late && (
          <span className="badge evidence-late-entry">
            {'Late entry (recorded '}
            <time dateTime={link.at.utc}>{formatZoned(link.at)}</time>
            {')'}
          </span>
        )}
        {people && <span>{people}</span>}
        {link.location && <span>{`at ${link.location}`}</span>}
        <span>
          {'Handled '}
          <time dateTime={link.handledAt.utc}>{formatZoned(link.handledAt)}</time>
        </span>
      </div>
      <div className="muted evidence-link-meta">
        {`Recorded by ${link.author.name}${link.author.position ? ` · ${link.author.position}` : ''} at `}
        <time dateTime={link.at.utc}>{formatZoned(link.at)}</time>
      </div>
      {link.sha256 && (
        <div className="evidence-link-file">
          {'File: '}
          {file ? `${safeAttachmentName(file.name)} ` : 'not on this device yet '}
          <span className="mono" title={`SHA-256 ${link.sha256}`}>{`SHA-256 ${shortHash(link.sha256)}`}</span>
        </div>
      )}
      {link.notes && <p className="evidence-link-notes">{link.notes}</p>}
      {ending && (
        <p className="evidence-late">
          {`Handled after the chain ended (${CUSTODY_ACTION_LABELS[ending.action].toLowerCase()} `}
          <time dateTime={ending.handledAt.utc}>{formatZoned(ending.handledAt)}</time>
          {', recorded by '}
          {ending.author.name}
          {'): the two were recorded on devices that did not know of each other. It does not change the item’s state.'}
        </p>
      )}
    </li>
  );
}
