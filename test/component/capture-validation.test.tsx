// Capture validation: each refusal is a clear message next to its field, nothing is stored, and the draft keeps the text.
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { freshCaptureDb, renderCapture } from './support/render-capture';

describe('capture form validation', () => {
  it('refuses an over-long description next to the field, stores nothing, and keeps the text in the draft', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Long report');
    await user.click(screen.getByLabelText('Description'));
    await user.paste('x'.repeat(20_001));
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    expect(await screen.findByText(/Descriptions are limited to 20,000 characters/)).toBeInTheDocument();
    expect(screen.getByLabelText('Description')).toHaveAttribute('aria-invalid', 'true');
    expect(onSaved).not.toHaveBeenCalled();
    expect(await db.incidents.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    await waitFor(async () => expect(String((await db.drafts.toArray())[0]?.values.description).length).toBe(20_001));
  });

  it('shows a refused category next to Category (not nowhere), and stores nothing', async () => {
    const db = await freshCaptureDb();
    // A reference list edited elsewhere can hold a path deeper than an incident may carry.
    const deep = Array.from({ length: 9 }, (_, i) => `Level ${i + 1}`).join(' › ');
    await db.table('reference').put({ id: `category:${deep}`, kind: 'category', value: deep, order: 999 });
    const { user, onSaved } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Deep category');
    await user.selectOptions(screen.getByLabelText('Category'), await screen.findByRole('option', { name: deep }));
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    const category = screen.getByLabelText('Category');
    await waitFor(() => expect(category).toHaveAttribute('aria-invalid', 'true'));
    expect(category).toHaveAccessibleDescription('At most 8 levels deep; remove some');
    expect(onSaved).not.toHaveBeenCalled();
    expect(await db.incidents.count()).toBe(0);
  });

  it('restores a damaged draft with defaults instead of failing', async () => {
    const db = await freshCaptureDb();
    await db.drafts.put({ id: 'damaged', updatedAt: new Date().toISOString(), values: { title: 42, impact: 9, urgency: '1', templateId: 'gone', site: 'Block C' } });
    renderCapture(db);
    expect(await screen.findByDisplayValue('Block C')).toBe(screen.getByLabelText('Site'));
    expect(screen.getByLabelText('Title')).toHaveValue('');
    expect(screen.getByLabelText('Impact')).toHaveValue('3');
    expect(screen.getByLabelText('Template')).toHaveValue('');
  });

  it('saves the draft at once when the page is hidden (before the autosave delay)', async () => {
    const db = await freshCaptureDb();
    const { user } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Power cut');
    window.dispatchEvent(new Event('pagehide'));
    // Well under the 300 ms debounce: only the pagehide flush can have written it this soon.
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.values.title).toBe('Power cut'), { timeout: 150 });
  });
});
