// Facility systems (HICS 251) form, UX review: the first snapshot records only what was set, a half-filled form is a draft, Enter does not save, every row says "as of".
import { readFileSync } from 'node:fs';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SystemStatusEvent } from '../../shared/domain/system-status';
import type { LanternDb } from '../../renderer/db';
import { setCurrentUser } from '../../renderer/db/current-user';
import { renderDesk } from './support/render-desk';

const ROUND = 'Also record the unchanged systems as checked now';
const NOTHING = "Nothing changed: change a system's state, reason or estimate, or add one.";

const snapshots = async (db: LanternDb) =>
  (await db.timeline.toArray()).filter((event): event is SystemStatusEvent => event.kind === 'system_status');

/** An incident opened by Ana Field, its Facility systems section, and its form opened. */
async function openForm(title: string) {
  const desk = await renderDesk();
  await setCurrentUser(desk.db, { name: 'Ana Field', position: 'Facility Unit Leader' });
  const incident = await desk.openSeeded({ title, category: ['Facility', 'Power & utility failure'] });
  const article = screen.getByRole('article', { name: title });
  const section = within(article).getByRole('region', { name: 'Facility systems' });
  const open = async () => {
    await desk.user.click(within(section).getByRole('button', { name: 'Record system status' }));
    return within(section).getByRole('form', { name: 'Record system status' });
  };
  return { ...desk, incident, article, section, open, form: await open() };
}

// Read from disk: vitest hands CSS imports (`?raw` included) to tests as empty strings, so a rule check would pass on nothing.
// (By the repo root, where vitest runs: import.meta.url is not a file URL under jsdom.)
const readCss = (path: string) => readFileSync(`${process.cwd()}/${path}`, 'utf8');
const appCss = readCss('renderer/styles/app.css');
const sectionCss = readCss('renderer/features/incidents/system-status.css');

/** Puts a stylesheet of the app into the test document (vitest does not load CSS), so its rules can be checked. */
function loadCss(css: string): CSSStyleSheet {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  // A sheet with no rules (a path read wrong, a parse failure) would make every check below vacuous.
  expect(style.sheet!.cssRules.length).toBeGreaterThan(5);
  return style.sheet!;
}

/** Every style rule of the sheet, those inside @container / @media included (they apply at some width). */
function styleRules(rules: CSSRuleList): CSSStyleRule[] {
  return Array.from(rules).flatMap((rule) =>
    rule instanceof CSSStyleRule ? [rule] : 'cssRules' in rule ? styleRules((rule as CSSGroupingRule).cssRules) : []);
}

afterEach(() => {
  document.head.querySelectorAll('style').forEach((style) => style.remove());
});

describe('facility systems form (UX review)', { timeout: 45_000 }, () => {
  it('the first snapshot records only the systems set (the full-round box is offered, unticked); nothing set is refused', async () => {
    const { user, db, section, form } = await openForm('Hospital power failure');
    const round = within(form).getByRole('checkbox', { name: ROUND });
    expect(round).not.toBeChecked();
    expect(round).toHaveAccessibleDescription(/only the systems you set or add are recorded.*Tick this after a full round/);

    await user.click(within(form).getByRole('button', { name: 'Save snapshot' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(NOTHING);
    expect(await snapshots(db)).toHaveLength(0);

    await user.selectOptions(within(form).getByLabelText('Medical gases state'), 'Partially functional');
    await user.type(within(form).getByLabelText('Medical gases reason'), 'Low oxygen pressure, wing B');
    await user.selectOptions(within(form).getByLabelText('Fire alarm state'), 'Non-functional');
    await user.type(within(form).getByLabelText('Fire alarm reason'), 'Panel on battery, failed');
    await user.click(within(form).getByRole('button', { name: 'Save snapshot' }));
    await waitFor(() => expect(within(section).queryByRole('form')).not.toBeInTheDocument());

    // Only the two systems Ana set: no claim that she checked the other 14.
    const [first] = await snapshots(db);
    expect(first!.systems).toEqual([
      { system: 'Medical gases', state: 'partial', reason: 'Low oxygen pressure, wing B', repairEstimate: '' },
      { system: 'Fire alarm', state: 'non_functional', reason: 'Panel on battery, failed', repairEstimate: '' },
    ]);
    expect(await within(section).findByText(/^1 non-functional, 1 partial/)).toBeInTheDocument();
  });

  it('keeps a half-filled snapshot as a draft through Escape and Cancel, restores it with a note, can discard it, and drops it on save', async () => {
    const { user, db, incident, section, open, form } = await openForm('Water outage, east wing');
    const draftId = `system_status:${incident.id}:Ana Field`;
    await user.selectOptions(within(form).getByLabelText('Water state'), 'Non-functional');
    await user.type(within(form).getByLabelText('Water reason'), 'Main burst');
    await user.keyboard('{Escape}');
    expect(within(section).queryByRole('form')).not.toBeInTheDocument();
    await waitFor(async () => expect(await db.drafts.get(draftId)).toBeDefined());

    // Reopened: the draft is back, said so, and can be thrown away.
    let again = await open();
    expect(await within(again).findByRole('status')).toHaveTextContent('Draft restored: your unsaved changes to 1 system are back.');
    expect(within(again).getByLabelText('Water state')).toHaveValue('non_functional');
    expect(within(again).getByLabelText('Water reason')).toHaveValue('Main burst');
    await user.click(within(again).getByRole('button', { name: 'Discard draft' }));
    expect(within(again).getByLabelText('Water state')).toHaveValue('functional');
    expect(within(again).getByLabelText('Water reason')).toHaveValue('');
    expect(within(again).queryByText(/Draft restored/)).not.toBeInTheDocument();
    expect(within(again).getByLabelText('Normal power state')).toHaveFocus();
    await waitFor(async () => expect(await db.drafts.get(draftId)).toBeUndefined());

    // Cancel keeps it too; the save records it and deletes it.
    await user.selectOptions(within(again).getByLabelText('Sewer state'), 'Partially functional');
    await user.type(within(again).getByLabelText('Sewer reason'), 'Pump 2 down');
    await user.click(within(again).getByRole('button', { name: 'Cancel' }));
    again = await open();
    expect(await within(again).findByText(/Draft restored/)).toBeInTheDocument();
    expect(within(again).getByLabelText('Sewer reason')).toHaveValue('Pump 2 down');
    await user.click(within(again).getByRole('button', { name: 'Save snapshot' }));
    await waitFor(() => expect(within(section).queryByRole('form')).not.toBeInTheDocument());
    expect((await snapshots(db))[0]!.systems).toEqual([{ system: 'Sewer', state: 'partial', reason: 'Pump 2 down', repairEstimate: '' }]);
    expect(await db.drafts.get(draftId)).toBeUndefined();
    const fresh = await open();
    expect(within(fresh).queryByText(/Draft restored/)).not.toBeInTheDocument();
  });

  it('Enter in a row field does not save; Ctrl+Enter saves and focus goes to "Record system status", not the page', async () => {
    const { user, db, section, form } = await openForm('Chiller failure');
    await user.selectOptions(within(form).getByLabelText('Heating state'), 'Non-functional');
    await user.type(within(form).getByLabelText('Heating reason'), 'Boiler tripped{Enter}');
    await user.type(within(form).getByLabelText('Heating repair estimate'), '2 h{Enter}');
    await user.click(within(form).getByRole('checkbox', { name: ROUND }));
    await user.keyboard('{Enter}');
    await user.click(within(form).getByRole('checkbox', { name: ROUND }));
    expect(within(section).getByRole('form', { name: 'Record system status' })).toBe(form);
    expect(await snapshots(db)).toHaveLength(0);
    expect(within(form).getByLabelText('Heating repair estimate')).toHaveValue('2 h');

    await user.click(within(form).getByLabelText('Heating repair estimate'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(within(section).queryByRole('form')).not.toBeInTheDocument());
    await waitFor(() => expect(within(section).getByRole('button', { name: 'Record system status' })).toHaveFocus());
    expect((await snapshots(db))[0]!.systems).toEqual([{ system: 'Heating', state: 'non_functional', reason: 'Boiler tripped', repairEstimate: '2 h' }]);
  });

  it('the full-round checkbox sits with its words as one control (not stretched across the form)', async () => {
    const { form } = await openForm('Generator test');
    loadCss(appCss);
    loadCss(sectionCss);
    const round = within(form).getByRole('checkbox', { name: ROUND });
    const label = round.closest('label')!;
    expect(label).toHaveTextContent(ROUND);
    expect(label.firstElementChild).toBe(round);
    // The app's inputs are full width; this box must not be, or its words are pushed to the far side.
    expect(getComputedStyle(round).width).not.toBe('100%');
  });

  it('after a second snapshot the changed row says "as of <time> · <name>" like the others, at every width', async () => {
    const { user, section, open, form } = await openForm('Total mains power loss');
    await user.selectOptions(within(form).getByLabelText('Normal power state'), 'Non-functional');
    await user.type(within(form).getByLabelText('Normal power reason'), 'Substation fault');
    await user.click(within(form).getByRole('checkbox', { name: ROUND }));
    await user.click(within(form).getByRole('button', { name: 'Save snapshot' }));
    await waitFor(() => expect(within(section).queryByRole('form')).not.toBeInTheDocument());

    const second = await open();
    await user.selectOptions(within(second).getByLabelText('Fuel supply state'), 'Partially functional');
    await user.type(within(second).getByLabelText('Fuel supply reason'), 'Day tank 40%');
    await user.click(within(second).getByRole('button', { name: 'Save snapshot' }));
    await waitFor(() => expect(within(section).queryByRole('form')).not.toBeInTheDocument());

    const table = within(section).getByRole('table', { name: 'Facility systems' });
    const fuel = within(table).getByRole('row', { name: /^Fuel supply/ });
    expect(fuel).toHaveTextContent('was Fully functional');
    const asOf = within(fuel).getAllByRole('cell').find((cell) => cell.dataset.label === 'As of')!;
    expect(asOf).toHaveTextContent(/\d{2}:\d{2} · Ana Field$/);
    // No rule of the section's stylesheet (narrow-pane @container rules included) hides a row's "as of".
    const sheet = loadCss(sectionCss);
    const hiding = styleRules(sheet.cssRules).filter((rule) => rule.style.display === 'none' && asOf.matches(rule.selectorText));
    expect(hiding.map((rule) => rule.selectorText)).toEqual([]);
  });
});
