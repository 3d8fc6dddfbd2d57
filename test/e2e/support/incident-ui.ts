// The app's accessible names (the UI contract) and the few steps every e2e test repeats.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { TEST_RESULTS } from './built-app';

export interface NewIncident {
  title: string;
  description?: string;
  /** Option label, e.g. "Facility › HVAC". */
  category?: string;
  site?: string;
  /** Option labels: "1 — High", "2 — Medium", "3 — Low". */
  impact?: string;
  urgency?: string;
}

export const ui = {
  newIncidentButton: (page: Page) => page.getByRole('button', { name: 'New incident', exact: true }),
  field: (page: Page, label: 'Title' | 'Description' | 'Category' | 'Site' | 'Impact' | 'Urgency' | 'Work note') =>
    page.getByLabel(label, { exact: true }),
  priorityOutput: (page: Page) => page.getByRole('status', { name: 'Priority', exact: true }),
  saveButton: (page: Page) => page.getByRole('button', { name: 'Save incident', exact: true }),
  incidentTable: (page: Page) => page.getByRole('table', { name: 'Incidents', exact: true }),
  /** Data rows of the incident list (the header row excluded), in display order. */
  incidentRows: (page: Page) => page.getByRole('table', { name: 'Incidents', exact: true }).locator('tbody').getByRole('row'),
  incidentRow: (page: Page, title: string) => ui.incidentRows(page).filter({ hasText: title }),
  detailHeading: (page: Page, title: string) => page.getByRole('heading', { level: 2, name: title, exact: true }),
  timeline: (page: Page) => page.getByRole('list', { name: 'Timeline', exact: true }),
  addNoteButton: (page: Page) => page.getByRole('button', { name: 'Add note', exact: true }),
};

export async function openCaptureForm(page: Page): Promise<void> {
  await ui.newIncidentButton(page).click();
  await ui.field(page, 'Title').waitFor();
}

export async function fillCaptureForm(page: Page, incident: NewIncident): Promise<void> {
  await ui.field(page, 'Title').fill(incident.title);
  if (incident.description !== undefined) await ui.field(page, 'Description').fill(incident.description);
  if (incident.category !== undefined) await ui.field(page, 'Category').selectOption({ label: incident.category });
  if (incident.site !== undefined) await ui.field(page, 'Site').fill(incident.site);
  if (incident.impact !== undefined) await ui.field(page, 'Impact').selectOption({ label: incident.impact });
  if (incident.urgency !== undefined) await ui.field(page, 'Urgency').selectOption({ label: incident.urgency });
}

/** Records an incident through the form and waits until its detail is open. */
export async function recordIncident(page: Page, incident: NewIncident): Promise<void> {
  await openCaptureForm(page);
  await fillCaptureForm(page, incident);
  await ui.saveButton(page).click();
  await ui.detailHeading(page, incident.title).waitFor();
}

/** Opens an incident from the list by its title. */
export async function openIncident(page: Page, title: string): Promise<void> {
  await ui.incidentRow(page, title).getByRole('button', { name: title, exact: true }).click();
  await ui.detailHeading(page, title).waitFor();
}

/** The incident number shown in the list row of the given incident. */
export async function incidentNumber(page: Page, title: string): Promise<string> {
  const row = ui.incidentRow(page, title);
  await row.waitFor();
  return (await row.getByRole('cell').first().innerText()).trim();
}

/** Number of incidents in the list, once the list has rendered at least one row. */
export async function countListedIncidents(page: Page): Promise<number> {
  await ui.incidentRows(page).first().waitFor();
  return ui.incidentRows(page).count();
}

/**
 * Each element's text, one line per text node. Read from the DOM, not innerText: timeline entries off screen skip
 * layout (content-visibility: auto), and innerText of an element without layout is empty.
 */
export async function textsOf(locator: Locator): Promise<string[]> {
  // Runs in the page: the node shape is spelled out, as this project's e2e code is type-checked without the DOM library.
  type TextNode = { readonly nodeType: number; readonly textContent: string | null; readonly childNodes: ArrayLike<TextNode> };
  return locator.evaluateAll((elements) =>
    elements.map((element) => {
      const lines: string[] = [];
      const visit = (node: TextNode): void => {
        // 3: a text node.
        if (node.nodeType === 3) {
          const text = node.textContent?.trim() ?? '';
          if (text !== '') lines.push(text);
          return;
        }
        for (let i = 0; i < node.childNodes.length; i++) visit(node.childNodes[i]!);
      };
      visit(element as unknown as TextNode);
      return lines.join('\n');
    }),
  );
}

/** Writes a PNG under test-results/ (created on demand) and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(TEST_RESULTS, { recursive: true });
  const path = join(TEST_RESULTS, name);
  await page.screenshot({ path, fullPage: false, animations: 'disabled' });
  return path;
}
