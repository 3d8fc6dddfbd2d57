// @vitest-environment jsdom
// Live-query hooks: they read through the provided database and re-render when a write commits.
import 'fake-indexeddb/auto';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createIncidentRepository,
  LanternDbProvider,
  saveDraft,
  useDrafts,
  useIncident,
  useIncidentsPage,
  usePendingOutboxCount,
  useTimeline,
} from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { newId } from '../../../../shared/domain';
import { freshDb, testClock } from './db-test-kit';

let db: LanternDb;
afterEach(() => {
  cleanup();
  db?.close();
});

function wrapperFor(database: LanternDb) {
  return ({ children }: { children?: ReactNode }) => createElement(LanternDbProvider, { db: database }, children);
}

describe('live hooks', () => {
  it('useIncidentsPage, useIncident and useTimeline follow writes', async () => {
    db = freshDb('live');
    const clock = testClock();
    const repo = createIncidentRepository(db, clock);
    const first = await repo.record({ title: 'Lift stuck between floors' });
    if (!first.ok) throw new Error(first.error.message);
    const id = first.value.id;

    const wrapper = wrapperFor(db);
    const list = renderHook(() => useIncidentsPage({ limit: 50 }), { wrapper });
    const newOnly = renderHook(() => useIncidentsPage({ status: 'new' }), { wrapper });
    const detail = renderHook(() => useIncident(id), { wrapper });
    const timeline = renderHook(() => useTimeline(id), { wrapper });
    const pending = renderHook(() => usePendingOutboxCount(), { wrapper });

    await waitFor(() => expect(list.result.current?.map((i) => i.title)).toEqual(['Lift stuck between floors']));
    await waitFor(() => expect(detail.result.current).toMatchObject({ id, status: 'new' }));
    await waitFor(() => expect(timeline.result.current?.map((e) => e.kind)).toEqual(['created']));
    await waitFor(() => expect(pending.result.current).toBe(1));

    clock.advance(1_000);
    const second = await repo.record({ title: 'Water on floor 2' });
    expect(second.ok).toBe(true);
    clock.advance(1_000);
    expect((await repo.changeStatus(id, 'assigned', { assignee: 'Sam Lee' })).ok).toBe(true);

    await waitFor(() => expect(list.result.current?.map((i) => i.title)).toEqual(['Lift stuck between floors', 'Water on floor 2']));
    await waitFor(() => expect(newOnly.result.current?.map((i) => i.title)).toEqual(['Water on floor 2']));
    await waitFor(() => expect(detail.result.current).toMatchObject({ status: 'assigned', assignee: 'Sam Lee' }));
    await waitFor(() => expect(timeline.result.current?.map((e) => e.kind)).toEqual(['created', 'status_changed']));
    await waitFor(() => expect(pending.result.current).toBe(3));
  });

  it('useIncident is null for an unknown id; useDrafts lists saved drafts', async () => {
    db = freshDb('live-missing');
    const wrapper = wrapperFor(db);
    const missing = renderHook(() => useIncident(newId()), { wrapper });
    await waitFor(() => expect(missing.result.current).toBeNull());

    const drafts = renderHook(() => useDrafts(), { wrapper });
    await waitFor(() => expect(drafts.result.current).toEqual([]));
    await saveDraft(db, 'd1', { title: 'Half-typed' });
    await waitFor(() => expect(drafts.result.current?.map((d) => d.id)).toEqual(['d1']));
  });

  it('tells the developer when the provider is missing', () => {
    expect(() => renderHook(() => useIncident('x'))).toThrow(/LanternDbProvider/);
  });
});
