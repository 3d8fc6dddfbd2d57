// Renders the whole app with a fresh Find state and helpers to seed incidents through the repository and open them.
import { configure, screen } from '@testing-library/react';
import type { Incident, NewIncidentInput } from '../../../shared/domain';
import { useFindStore } from '../../../renderer/store/find-store';
import { renderApp } from './render-app';

// Live queries settle a little later on a busy 2-core machine; waiting up to 4 s keeps the tests honest but not flaky.
configure({ asyncUtilTimeout: 4000 });

export async function renderDesk() {
  useFindStore.setState({ viewId: 'all', query: {}, cursor: 0, cursorId: null, helpOpen: false });
  const app = await renderApp();
  async function seed(input: Partial<NewIncidentInput> & { title: string }): Promise<Incident> {
    const result = await app.services.incidents.record(input);
    if (!result.ok) throw new Error(`seed failed: ${result.error.message}`);
    return result.value;
  }
  /** Records an incident and opens it from the list, as a person would. */
  async function openSeeded(input: Partial<NewIncidentInput> & { title: string }): Promise<Incident> {
    const incident = await seed(input);
    await app.user.click(await screen.findByRole('button', { name: input.title }));
    await screen.findByRole('article', { name: input.title });
    return incident;
  }
  return { ...app, seed, openSeeded };
}
