// The incident list: the active view read page by page (keyset pages near the viewport), virtualized over every match.
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, type ReactNode } from 'react';
import type { Incident } from '../../../shared/domain';
import { DEFAULT_SORT, useAnyIncidentOnDevice, type FindQuery, type SortKey } from '../../db';
import { announce } from '../../store/announce-store';
import { useFindStore } from '../../store/find-store';
import './incident-list.css';
import { IncidentRow, PendingRow } from './incident-row';
import { useIncidentPages } from './find/use-incident-pages';
import { useKeyboardCursor } from './find/use-keyboard-cursor';
import { useListCursor, useScrollToMovedFocus } from './find/use-list-cursor';
import { observeRectWithFallback, ROW_HEIGHT, scrollSafely } from './find/virtual-rows';
import { SlaSortHeader } from './sla-cell';
import { useMinuteNow, useSlaTimelines } from './sla-hooks';

export { LIST_PAGE } from './find/use-incident-pages';

/** Every incident on this computer: what an empty list is measured against. */

/** Rows rendered beyond each edge of the viewport. */
const LIST_OVERSCAN = 4;

export function IncidentList({ selectedId, onOpen }: { selectedId: string | null; onOpen: (id: string) => void }) {
  const query = useFindStore((s) => s.query);
  const queryKey = JSON.stringify(query);
  // SLA: a minute tick re-renders the clocks (and re-judges "breaching soon", which depends on the time).
  const nowMs = useMinuteNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (typeof scrollRef.current?.scrollTo === 'function') scrollRef.current.scrollTo(0, 0);
  }, [queryKey]);

  const pages = useIncidentPages(query.breachingSoon ? { ...query, nowMs } : query);
  const total = pages.total ?? 0;
  // The cursor row, on its incident wherever a re-sort moved it: the list's one Tab stop.
  const { at, cursorId, incident: cursorIncident } = useListCursor({ total, fresh: pages.fresh, rowAt: pages.rowAt, indexOf: pages.indexOf }, queryKey, selectedId);
  // It stays rendered wherever the list is scrolled: a wheel that carries it out of the window must not unmount the
  // focused button (focus would fall to the page, where Tab starts again at the top bar), nor take the Tab stop away.
  const rangeExtractor = useCallback((range: Range) => withIndex(defaultRangeExtractor(range), at), [at]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose; nothing here is memoized by the compiler.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Every rendered row is painted again on each scroll frame (profiled: paint and layerize time grow with the rows in
    // the DOM), so only a few rows are kept beyond each edge: enough for a fast wheel or J/K step to find them rendered.
    overscan: LIST_OVERSCAN,
    observeElementRect: observeRectWithFallback,
    scrollToFn: scrollSafely,
    rangeExtractor,
    // The rows on screen (and the overscan) decide which pages are read, not the cursor row held far away.
    onChange: (instance) => {
      const range = instance.range;
      if (range && instance.options.count > 0) {
        pages.setView(Math.max(0, range.startIndex - LIST_OVERSCAN), Math.min(instance.options.count - 1, range.endIndex + LIST_OVERSCAN));
      }
    },
  });
  const items = virtualizer.getVirtualItems();
  // Timelines only for the rendered rows (one indexed read for the misses).
  const timelineOf = useSlaTimelines(items.flatMap((item) => pages.rowAt(item.index) ?? []));
  const rowAt = pages.rowAt;
  const scrollTo = useCallback((index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }), [virtualizer]);
  useScrollToMovedFocus(at, scrollTo, scrollRef);

  // Opening from the list leaves focus on the row: the detail appearing beside it says nothing to a screen reader.
  const openRow = useCallback((incident: Incident) => {
    onOpen(incident.id);
    announce(`Opened ${incident.number} ${incident.title}`);
  }, [onOpen]);
  const followFocus = useKeyboardCursor(total, rowAt, at, cursorIncident, openRow, scrollTo, scrollRef);

  // "Nothing matches" whenever the device holds incidents: a cleared search still shows the last query's (empty) rows
  // for a moment, which must not flash "no incidents on this device" (and be read out) on its way back to the list.
  const onDevice = useAnyIncidentOnDevice();
  const anyOnDevice = onDevice ?? Object.keys(query).some((key) => key !== 'sort');
  const listed = pages.total !== undefined && total > 0;
  // One status element in every state (loading, empty, listed): a live region that is replaced is not read, so a
  // search that leaves nothing would otherwise go unsaid.
  let said: ReactNode;
  if (pages.total === undefined) said = 'Loading incidents…';
  else if (total === 0 && anyOnDevice) said = <p>No incidents match this view.</p>;
  else if (total === 0) {
    said = (
      <>
        <p>No incidents on this device yet.</p>
        <p className="muted">
          Press <kbd>N</kbd> or choose <strong>New incident</strong> to record one. It is saved on this computer at once, with or without a network.
        </p>
      </>
    );
  } else if (pages.exact) said = `${total.toLocaleString('en')} ${total === 1 ? 'incident' : 'incidents'}`;
  else said = `${pages.loaded.toLocaleString('en')} incidents read so far — scroll for more`;
  const statusClass = listed ? 'list-footer muted' : pages.total === undefined ? 'list-status muted pad' : 'list-status empty-state';
  return (
    <>
      {listed && (
        <div className="list-scroll" ref={scrollRef} onFocus={followFocus}>
          {/* Explicit roles: the rows are laid out as positioned grids (not table layout), which must not cost table semantics. */}
          <table className="incident-table" role="table" aria-label="Incidents" aria-rowcount={pages.exact ? total + 1 : -1}>
            <ListHeader query={query} />
            {/* Rows sit at fixed offsets in a body as tall as the whole list: a scroll frame moves nothing already on screen. */}
            <tbody role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((item) => {
                const incident = rowAt(item.index) ?? (item.index === at ? cursorIncident : undefined);
                const tabStop = item.index === at;
                return incident ? (
                  // The stripe only on the cursor incident: another incident now in its last place is the Tab stop, not the cursor.
                  <IncidentRow key={incident.id} incident={incident} timeline={timelineOf(incident)} nowMs={nowMs} index={item.index} top={item.start}
                    selected={incident.id === selectedId} tabStop={tabStop} cursor={tabStop && (cursorId === null || incident.id === cursorId)} onOpen={openRow} />
                ) : (
                  <PendingRow key={`pending-${item.index}`} index={item.index} top={item.start} />
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className={statusClass} role="status">{said}</div>
    </>
  );
}

/** `indexes` (ascending) with `index` in its place, when it is a row. */
function withIndex(indexes: number[], index: number): number[] {
  if (index < 0 || indexes.includes(index)) return indexes;
  return [...indexes, index].sort((a, b) => a - b);
}

/** The column headers; memoized, so a scroll frame does not re-render them. */
const ListHeader = memo(function ListHeader({ query }: { query: FindQuery }) {
  return (
    <thead role="rowgroup">
      <tr role="row" aria-rowindex={1}>
        <SortHeader label="Number" sortKey="number" query={query} />
        {/* "Pri" keeps the column narrow; its name (read, and in the tooltip) is the whole word. */}
        <SortHeader label="Pri" name="Priority" sortKey="priority" query={query} />
        <th scope="col" role="columnheader">Title</th>
        <th scope="col" role="columnheader">Status</th>
        <th scope="col" role="columnheader">Assigned</th>
        <th scope="col" role="columnheader">Site</th>
        <SortHeader label="Updated" sortKey="updatedAt" query={query} />
        <SlaSortHeader query={query} />
      </tr>
    </thead>
  );
});

function SortHeader({ label, name = label, sortKey, query }: { label: string; name?: string; sortKey: SortKey; query: FindQuery }) {
  const patchQuery = useFindStore((s) => s.patchQuery);
  const sort = query.sort ?? DEFAULT_SORT;
  const active = sort.key === sortKey;
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  const next = active && sort.dir === 'desc' ? 'asc' : 'desc';
  return (
    <th scope="col" role="columnheader" aria-sort={ariaSort} aria-label={name === label ? undefined : name}>
      <button type="button" className="sort-button" aria-label={name === label ? undefined : name} title={`Sort by ${name.toLowerCase()}`} onClick={() => patchQuery({ sort: { key: sortKey, dir: active ? next : sortKey === 'priority' ? 'asc' : 'desc' } })}>
        {label}
        <span aria-hidden="true">{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}
