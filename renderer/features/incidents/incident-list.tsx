// The incident list: the active view's rows read page by page through indexes, virtualized so 100,000 rows stay smooth.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Incident, SlaClocks } from '../../../shared/domain';
import { DEFAULT_SORT, useFindIncidents, type FindQuery, type SortKey } from '../../db';
import { useFindStore } from '../../store/find-store';
import { formatLocal, formatPathOrDash } from '../format';
import { observeRectWithFallback, ROW_HEIGHT, scrollSafely } from './find/virtual-rows';
import { PriorityBadge } from './priority-badge';
import { SlaCell, SlaSortHeader } from './sla-cell';
import { useMinuteNow, useSlaTimelines } from './sla-hooks';
import { sortBySla } from './sla-sort';
import { slaClocksOf } from '../../db/sla';
import { StatusBadge } from './status-badge';

/** Rows fetched per step; the next step loads when the view nears the end of what is loaded. */
export const LIST_PAGE = 200;

export function IncidentList({ selectedId, onOpen }: { selectedId: string | null; onOpen: (id: string) => void }) {
  const query = useFindStore((s) => s.query);
  const queryKey = JSON.stringify(query);
  // A new query starts again from the first page (state reset during render, React's pattern for derived state);
  // the previous rows stay on screen until the new ones arrive, so typing in search does not flicker.
  const [paging, setPaging] = useState({ queryKey, limit: LIST_PAGE });
  if (paging.queryKey !== queryKey) setPaging({ queryKey, limit: LIST_PAGE });
  const limit = paging.queryKey === queryKey ? paging.limit : LIST_PAGE;
  const setLimit = (next: (limit: number) => number) => setPaging((p) => ({ ...p, limit: next(p.limit) }));
  // SLA: a minute tick re-renders the clocks (and re-judges "breaching soon", which depends on the time).
  const nowMs = useMinuteNow();
  const fetched = useFindIncidents(query.breachingSoon ? { ...query, nowMs } : query, limit);
  const slaSortDir = query.sort?.key === 'slaDue' ? query.sort.dir : null;
  const scrollRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (typeof scrollRef.current?.scrollTo === 'function') scrollRef.current.scrollTo(0, 0);
  }, [queryKey]);
  const cursor = useFindStore((s) => s.cursor);
  const count = fetched?.length ?? 0;
  const hasMore = fetched !== undefined && fetched.length >= limit;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose; nothing here is memoized by the compiler.
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    observeElementRect: observeRectWithFallback,
    scrollToFn: scrollSafely,
    onChange: (instance) => {
      const last = instance.getVirtualItems().at(-1);
      if (hasMore && last && last.index >= count - 40) setLimit((l) => (l <= count ? l + LIST_PAGE : l));
    },
  });

  // Timelines only for the rendered rows (one indexed read for the misses); all loaded rows when sorting by SLA.
  const slaRows = slaSortDir ? (fetched ?? []) : virtualizer.getVirtualItems().flatMap((item) => fetched?.[item.index] ?? []);
  const timelineOf = useSlaTimelines(slaRows);
  const rows = fetched && slaSortDir ? sortBySla(fetched, timelineOf, nowMs, slaSortDir) : fetched;
  const clocksOf = (incident: Incident): SlaClocks | undefined => {
    const timeline = timelineOf(incident);
    return timeline ? slaClocksOf(timeline, incident.priority, nowMs) : undefined;
  };

  useKeyboardCursor(rows, cursor, onOpen, (index) => virtualizer.scrollToIndex(index, { align: 'auto' }), scrollRef);

  if (fetched === undefined) return <p className="muted pad">Loading incidents…</p>;
  const filtered = Object.keys(query).some((key) => key !== 'sort');
  if (!rows) return null;
  if (rows.length === 0) {
    return filtered ? (
      <div className="empty-state"><p>No incidents match this view.</p></div>
    ) : (
      <div className="empty-state">
        <p>No incidents on this device yet.</p>
        <p className="muted">
          Press <kbd>N</kbd> or choose <strong>New incident</strong> to record one. It is saved on this computer at once, with or without a network.
        </p>
      </div>
    );
  }
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div className="list-scroll" ref={scrollRef}>
      <table className="incident-table" aria-label="Incidents" aria-rowcount={hasMore ? -1 : rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <SortHeader label="Number" sortKey="number" query={query} />
            <SortHeader label="Pri" sortKey="priority" query={query} />
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Assigned</th>
            <th scope="col">Site</th>
            <SortHeader label="Updated" sortKey="updatedAt" query={query} />
            <SlaSortHeader query={query} />
          </tr>
        </thead>
        <tbody>
          {top > 0 && <tr aria-hidden="true" className="spacer"><td colSpan={8} style={{ height: top }} /></tr>}
          {items.map((item) => {
            const incident = rows[item.index]!;
            return (
              <Row key={incident.id} incident={incident} sla={clocksOf(incident)} index={item.index} selected={incident.id === selectedId} cursor={item.index === cursor} onOpen={onOpen} />
            );
          })}
          {bottom > 0 && <tr aria-hidden="true" className="spacer"><td colSpan={8} style={{ height: bottom }} /></tr>}
        </tbody>
      </table>
      <p className="list-footer muted" role="status">
        {hasMore ? `First ${rows.length.toLocaleString('en')} shown — scroll for more` : `${rows.length.toLocaleString('en')} ${rows.length === 1 ? 'incident' : 'incidents'}`}
      </p>
    </div>
  );
}

function Row({ incident, sla, index, selected, cursor, onOpen }: { incident: Incident; sla: SlaClocks | undefined; index: number; selected: boolean; cursor: boolean; onOpen: (id: string) => void }) {
  const classes = [incident.major ? 'major' : '', cursor ? 'cursor' : ''].filter(Boolean).join(' ');
  return (
    <tr data-index={index} aria-rowindex={index + 2} aria-selected={selected} className={classes || undefined} onClick={() => onOpen(incident.id)}>
      <td className="mono">{incident.number}</td>
      <td><PriorityBadge priority={incident.priority} /></td>
      <td className="title-cell">
        {/* A real button gives every row a keyboard stop and an accessible name. */}
        <button type="button" className="row-link" onClick={(e) => { e.stopPropagation(); onOpen(incident.id); }}>
          {incident.title}
        </button>
      </td>
      <td><StatusBadge status={incident.status} /></td>
      <td className="muted ellipsis">{[incident.team, incident.assignee].filter(Boolean).join(' · ') || '—'}</td>
      <td className="muted ellipsis">{formatPathOrDash(incident.site)}</td>
      <td className="muted nowrap">{formatLocal(incident.updatedAt)}</td>
      <SlaCell clocks={sla} />
    </tr>
  );
}

function SortHeader({ label, sortKey, query }: { label: string; sortKey: SortKey; query: FindQuery }) {
  const patchQuery = useFindStore((s) => s.patchQuery);
  const sort = query.sort ?? DEFAULT_SORT;
  const active = sort.key === sortKey;
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  const next = active && sort.dir === 'desc' ? 'asc' : 'desc';
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" className="sort-button" title={`Sort by ${label.toLowerCase()}`} onClick={() => patchQuery({ sort: { key: sortKey, dir: active ? next : sortKey === 'priority' ? 'asc' : 'desc' } })}>
        {label}
        <span aria-hidden="true">{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

/** J/K move the cursor (the row's button takes focus, so Enter opens it); Enter elsewhere opens the cursor row. */
function useKeyboardCursor(
  rows: Incident[] | undefined,
  cursor: number,
  onOpen: (id: string) => void,
  scrollTo: (index: number) => void,
  scrollRef: RefObject<HTMLDivElement | null>,
) {
  const setCursor = useFindStore((s) => s.setCursor);
  const moved = useRef(false);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || !rows || rows.length === 0) return;
      if (isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'j' || key === 'k') {
        event.preventDefault();
        moved.current = true;
        setCursor(Math.min(rows.length - 1, Math.max(0, cursor + (key === 'j' ? 1 : -1))));
      } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement) && !(event.target instanceof HTMLAnchorElement)) {
        const incident = rows[Math.min(cursor, rows.length - 1)];
        if (incident) {
          event.preventDefault();
          onOpen(incident.id);
        }
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, cursor, onOpen, setCursor]);

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    scrollTo(cursor);
    // The row may render only after the scroll; focus it on the next frame.
    const focusRow = () => scrollRef.current?.querySelector<HTMLButtonElement>(`tr[data-index="${cursor}"] button`)?.focus();
    focusRow();
    const frame = requestAnimationFrame(focusRow);
    return () => cancelAnimationFrame(frame);
  }, [cursor, scrollTo, scrollRef]);
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
