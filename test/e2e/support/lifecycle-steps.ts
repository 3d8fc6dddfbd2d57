// Shared e2e steps: take an open incident through assigned → in progress → on hold → in progress → resolved → closed.
import type { Page } from 'playwright-core';
import { textsOf, ui } from './incident-ui';

export function statusDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Change status', exact: true });
}

/** Opens the status dialog, picks the transition, fills what it needs and applies it (confirming it when `confirm` names the button). */
export async function changeStatus(page: Page, option: string, action: string, fill: (page: Page) => Promise<void> = async () => {}, confirm?: string) {
  await page.getByRole('button', { name: 'Change status', exact: true }).click();
  await statusDialog(page).getByLabel('New status', { exact: true }).selectOption({ label: option });
  await fill(page);
  await statusDialog(page).getByRole('button', { name: action, exact: true }).click();
  if (confirm !== undefined) await statusDialog(page).getByRole('button', { name: confirm, exact: true }).click();
  await statusDialog(page).waitFor({ state: 'detached' });
}

export interface LifecycleOptions {
  /** A work note added while in progress; its first two words identify it on the timeline. */
  note: string;
  resolutionNotes: string;
  /** Called after every step: reload the app and reopen the incident, proving each step was stored. */
  reloadAndReopen: () => Promise<void>;
}

/** Runs every status change with its required fields and returns the timeline's entry texts afterwards. */
export async function workThroughLifecycle(page: Page, options: LifecycleOptions): Promise<string[]> {
  const { note, resolutionNotes, reloadAndReopen } = options;
  await changeStatus(page, 'Assign → Assigned', 'Assign', async (p) => {
    await statusDialog(p).getByLabel('Team', { exact: true }).selectOption({ label: 'Electrical' });
    await statusDialog(p).getByLabel('Assignee', { exact: true }).fill('Ana Field');
  });
  await reloadAndReopen();
  await changeStatus(page, 'Start work → In progress', 'Start work');
  await ui.field(page, 'Work note').fill(note);
  await ui.addNoteButton(page).click();
  await ui.timeline(page).getByRole('listitem').filter({ hasText: note }).waitFor();
  await reloadAndReopen();
  await changeStatus(page, 'Put on hold → On hold', 'Put on hold', async (p) => {
    await statusDialog(p).getByLabel('Hold reason', { exact: true }).selectOption({ label: 'Awaiting parts' });
  });
  await reloadAndReopen();
  await changeStatus(page, 'Resume work → In progress', 'Resume work');
  await reloadAndReopen();
  await changeStatus(page, 'Resolve → Resolved', 'Resolve', async (p) => {
    await statusDialog(p).getByLabel('Resolution code', { exact: true }).selectOption({ label: 'Hardware repaired' });
    await statusDialog(p).getByLabel('Resolution notes', { exact: true }).fill(resolutionNotes);
  });
  await reloadAndReopen();
  // Closing is final: the action says so and asks for a confirmation.
  await changeStatus(page, 'Close → Closed', 'Close incident (final)', undefined, 'Yes, close incident');
  await reloadAndReopen();
  return textsOf(ui.timeline(page).getByRole('listitem'));
}

/** The steps the timeline must show, in order, after workThroughLifecycle. */
export function expectedLifecycleSteps(noteStart: string): string[] {
  return [
    'Incident recorded',
    'New → Assigned',
    'Assigned → In progress',
    noteStart,
    'In progress → On hold',
    'On hold → In progress',
    'In progress → Resolved',
    'Resolved → Closed',
  ];
}

/** Reduces each timeline entry to its step ("New → Assigned") or the note's opening words. */
export function lifecycleSteps(entries: readonly string[], noteStart: string): (string | undefined)[] {
  const pattern = new RegExp(`(Incident recorded|[A-Z][a-z ]+ → [A-Z][a-z ]+|${noteStart})`);
  return entries.map((text) => text.match(pattern)?.[0].trim());
}
