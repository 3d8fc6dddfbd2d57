// SLA policy editor wording: the target inputs, their messages and hint say "time to own" / "time to resolve", as the columns and clocks do.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

type Desk = Awaited<ReturnType<typeof renderDesk>>;

async function openEditor(desk: Desk) {
  await desk.user.click(screen.getByRole('button', { name: 'SLA policies' }));
  const dialog = screen.getByRole('dialog', { name: 'SLA policy settings' });
  return within(dialog).findByRole('form', { name: 'Edit Gold' });
}

async function saveWith(desk: Desk, form: HTMLElement, label: string, value: string) {
  const field = within(form).getByLabelText(label);
  await desk.user.clear(field);
  if (value !== '') await desk.user.type(field, value);
  await desk.user.click(within(form).getByRole('button', { name: 'Save policy' }));
  return within(form).findByRole('alert');
}

describe('SLA policy target wording', { timeout: 20_000 }, () => {
  it('labels every target input by the clock names, and none says response or resolve target', async () => {
    const desk = await renderDesk();
    const form = await openEditor(desk);
    for (const p of ['P1', 'P2', 'P3', 'P4']) {
      for (const clock of ['time to own', 'time to resolve']) {
        expect(within(form).getByLabelText(`${p} ${clock} hours`)).toHaveRole('spinbutton');
        expect(within(form).getByLabelText(`${p} ${clock} minutes`)).toHaveRole('spinbutton');
      }
    }
    const names = within(form).getAllByRole('spinbutton').map((input) => input.getAttribute('aria-label') ?? '');
    expect(names.filter((name) => /response|resolve target/i.test(name))).toEqual([]);
    expect(form).not.toHaveTextContent(/response target|resolve target/i);
  });

  it.each([
    ['P2 time to own hours', '', 'Enter the P2 time to own.'],
    ['P1 time to own hours', '-1', 'The P1 time to own cannot be negative.'],
    ['P3 time to resolve hours', '9000', 'The P3 time to resolve is at most a year (8784 hours).'],
    ['P4 time to resolve minutes', '75', 'The P4 time to resolve: minutes go from 0 to 59 (use the hours box for more).'],
  ])('%s set to "%s" is refused with a message in the same words', async (label, value, message) => {
    const desk = await renderDesk();
    const form = await openEditor(desk);
    if (value === '') await desk.user.clear(within(form).getByLabelText(label.replace('hours', 'minutes')));
    expect(await saveWith(desk, form, label, value)).toHaveTextContent(message);
  });
});
