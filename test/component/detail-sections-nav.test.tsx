// The "Incident sections" jump bar on the detail: lists the sections shown, and a jump scrolls to a section and focuses its heading.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { renderDesk } from './support/render-desk';

/** jsdom has no layout, so no scrollIntoView: a spy stands in and records which element asked. */
function spyOnScroll() {
  const scrolled = vi.fn();
  const original = Element.prototype.scrollIntoView;
  Element.prototype.scrollIntoView = scrolled;
  onTestFinished(() => {
    Element.prototype.scrollIntoView = original;
  });
  return scrolled;
}

function jumpNames(article: HTMLElement): string[] {
  const nav = within(article).getByRole('navigation', { name: 'Incident sections' });
  return within(nav).getAllByRole('button').map((button) => button.textContent ?? '');
}

describe('incident sections jump bar', { timeout: 20_000 }, () => {
  it('lists the sections in page order; the review joins once the incident is resolved', async () => {
    const { openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Generator B failed', category: ['Facility', 'Generator & UPS'] });
    const article = screen.getByRole('article', { name: 'Generator B failed' });
    expect(jumpNames(article)).toEqual(['Fields', 'Links', 'Files', 'Checklist', 'Systems', 'Evidence', 'Timeline']);

    // Another device resolves it: the review section appears, and the bar follows without anyone touching it.
    await db.incidents.update(incident.id, { status: 'resolved' });
    await within(article).findByRole('region', { name: 'After-action review' });
    await waitFor(() => expect(jumpNames(article)).toEqual(['Fields', 'Links', 'Files', 'Checklist', 'Systems', 'Evidence', 'Review', 'Timeline']));
  });

  it('a click scrolls the section into view and puts focus on its heading; Tab then goes on inside that section', async () => {
    const scrolled = spyOnScroll();
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Water leak in plant room' });
    const article = screen.getByRole('article', { name: 'Water leak in plant room' });
    const nav = within(article).getByRole('navigation', { name: 'Incident sections' });

    await user.click(within(nav).getByRole('button', { name: 'Timeline' }));
    const timeline = within(article).getByRole('region', { name: 'Timeline' });
    expect(within(timeline).getByRole('heading', { name: 'Timeline' })).toHaveFocus();
    expect(scrolled).toHaveBeenCalledWith({ block: 'start' });
    expect(scrolled.mock.contexts.at(-1)).toBe(timeline);
    await user.tab();
    expect(timeline).toContainElement(document.activeElement as HTMLElement);

    await user.click(within(nav).getByRole('button', { name: 'Checklist' }));
    expect(within(article).getByRole('heading', { name: /^Checklist/ })).toHaveFocus();
    expect(scrolled.mock.contexts.at(-1)).toBe(within(article).getByRole('region', { name: /^Checklist/ }));

    // The fields have a heading for screen readers only; the jump still lands there.
    await user.click(within(nav).getByRole('button', { name: 'Fields' }));
    expect(within(article).getByRole('heading', { name: 'Fields' })).toHaveFocus();
  });

  it('works from the keyboard: Tab reaches the bar, Enter jumps, and the heading is no extra Tab stop', async () => {
    spyOnScroll();
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Fire alarm in Block A', category: ['Facility', 'Fire & life safety'] });
    const article = screen.getByRole('article', { name: 'Fire alarm in Block A' });
    const nav = within(article).getByRole('navigation', { name: 'Incident sections' });
    // From the top of the page, Tab reaches the bar after the header and the actions.
    for (let i = 0; i < 60 && !nav.contains(document.activeElement); i += 1) await user.tab();
    expect(within(nav).getByRole('button', { name: 'Fields' })).toHaveFocus();
    for (let i = 0; i < 5; i += 1) await user.tab();
    expect(within(nav).getByRole('button', { name: 'Evidence' })).toHaveFocus();
    await user.keyboard('{Enter}');
    const heading = within(article).getByRole('heading', { name: /^Evidence/ });
    expect(heading).toHaveFocus();
    expect(heading).toHaveAttribute('tabindex', '-1');

    // Shift+Tab from the heading goes back to the page before the section, not onto the heading again.
    await user.tab({ shift: true });
    expect(heading).not.toHaveFocus();
    await user.tab();
    expect(heading).not.toHaveFocus();
  });
});
