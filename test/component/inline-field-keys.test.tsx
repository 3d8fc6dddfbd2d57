// Ctrl+Enter (and ⌘+Enter) saves every in-place editor, selects too; plain Enter on a select is left to the browser; a save can say more than "saved".
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { InlineField } from '../../renderer/features/incidents/inline-field';
import { renderDesk } from './support/render-desk';

const LEVELS = [
  { value: '1', label: '1 — High' },
  { value: '2', label: '2 — Medium' },
  { value: '3', label: '3 — Low' },
];

describe('keys in the in-place editors', { timeout: 30_000 }, () => {
  it('Ctrl+Enter saves the Urgency select: the editor closes, the incident changes and focus is back on Edit', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Chiller trip', impact: 1, urgency: 1 });
    await desk.user.click(screen.getByRole('button', { name: 'Edit Urgency' }));
    const select = screen.getByRole('combobox', { name: 'Urgency' });
    await desk.user.selectOptions(select, '2 — Medium');
    select.focus();
    await desk.user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(screen.queryByRole('combobox', { name: 'Urgency' })).toBeNull());
    await waitFor(async () => expect((await desk.db.incidents.get(incident.id))?.urgency).toBe(2));
    expect(screen.getByRole('button', { name: 'Edit Urgency' })).toHaveFocus();
    const article = screen.getByRole('article', { name: 'Chiller trip' });
    expect(await within(article).findByText('P2 High', { selector: 'dd' })).toBeInTheDocument();
  });

  it('⌘+Enter saves the Category select too', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Smoke smell' });
    await desk.user.click(screen.getByRole('button', { name: 'Edit Category' }));
    const select = screen.getByRole('combobox', { name: 'Category' });
    await desk.user.selectOptions(select, 'Facility › Fire & life safety');
    select.focus();
    await desk.user.keyboard('{Meta>}{Enter}{/Meta}');
    await waitFor(async () => expect((await desk.db.incidents.get(incident.id))?.category).toEqual(['Facility', 'Fire & life safety']));
    expect(screen.queryByRole('combobox', { name: 'Category' })).toBeNull();
  });

  it('plain Enter on a select does not save (it belongs to the list), and Ctrl+Enter on a text field saves once', async () => {
    const onSave = vi.fn((_value: string) => Promise.resolve(null));
    const user = userEvent.setup();
    const first = render(
      <dl><InlineField label="Impact" display="3 — Low" initial="3" editor="select" options={LEVELS} editable onSave={onSave} /></dl>,
    );
    await user.click(screen.getByRole('button', { name: 'Edit Impact' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Impact' }), '1 — High');
    screen.getByRole('combobox', { name: 'Impact' }).focus();
    await user.keyboard('{Enter}');
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('combobox', { name: 'Impact' })).toBeInTheDocument();

    first.unmount();
    render(<dl><InlineField label="Reporter" display="—" initial="" editor="text" editable onSave={onSave} /></dl>);
    await user.click(screen.getByRole('button', { name: 'Edit Reporter' }));
    await user.type(screen.getByRole('textbox', { name: 'Reporter' }), 'Night porter');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Reporter' })).toBeNull());
    expect(onSave.mock.calls).toEqual([['Night porter']]);
  });

  it('says what the field gives for the save, when it says more than "saved"', async () => {
    const user = userEvent.setup();
    render(
      <dl>
        <InlineField label="Urgency" display="1 — High" initial="1" editor="select" options={LEVELS} editable onSave={() => Promise.resolve(null)}
          savedText={(value) => `Urgency saved. Priority now P${value} High.`} />
      </dl>,
    );
    await user.click(screen.getByRole('button', { name: 'Edit Urgency' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Urgency' }), '2 — Medium');
    screen.getByRole('combobox', { name: 'Urgency' }).focus();
    await user.keyboard('{Control>}{Enter}{/Control}');
    const status = await screen.findByText('Urgency saved. Priority now P2 High.');
    expect(status).toHaveAttribute('role', 'status');
  });

  it('Ctrl+Enter saves the commander, and "None yet — name one" is a button that opens the editor', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Water outage, ward 3', major: true });
    await desk.user.click(screen.getByRole('button', { name: 'None yet — name one' }));
    const field = screen.getByRole('combobox', { name: 'Incident commander' });
    expect(field).toHaveFocus();
    await desk.user.type(field, 'Ana Diaz');
    await desk.user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(async () => expect((await desk.db.incidents.get(incident.id))?.commander).toBe('Ana Diaz'));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'None yet — name one' })).toBeNull());
    expect(await screen.findByText('Incident commander saved.')).toHaveAttribute('role', 'status');
  });
});
