// Templates on the capture form: prefill category, impact, urgency and title; show the checklist; link the incident to it.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { freshCaptureDb, renderCapture, unmountAsReload } from './support/render-capture';

describe('capture form templates', () => {
  it('prefills from the template, shows its checklist and records the incident with them', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.selectOptions(screen.getByLabelText('Template'), 'Power outage');

    expect(screen.getByLabelText('Category')).toHaveValue('Facility › Power & utility failure');
    expect(screen.getByLabelText('Impact')).toHaveValue('1');
    expect(screen.getByLabelText('Urgency')).toHaveValue('1');
    expect(screen.getByRole('status', { name: 'Priority' })).toHaveTextContent('P1 Critical');
    expect(screen.getByLabelText('Title')).toHaveValue('Power outage: ');

    const checklist = screen.getByRole('region', { name: 'Checklist' });
    expect(within(checklist).getByRole('heading', { name: '0–2 h' })).toBeInTheDocument();
    expect(within(checklist).getByRole('heading', { name: '12 h+' })).toBeInTheDocument();
    expect(within(checklist).getByText(/Confirm emergency generators started/)).toBeInTheDocument();

    await user.type(screen.getByLabelText('Title'), 'Block A');
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const [incident] = await db.incidents.toArray();
    expect(incident).toMatchObject({
      title: 'Power outage: Block A',
      category: ['Facility', 'Power & utility failure'],
      impact: 1,
      urgency: 1,
      priority: 1,
      tags: ['template:power-outage'],
    });
    // The template's checklist is on the incident (its own entry and operation, saved with the incident).
    const entries = await db.timeline.where('incidentId').equals(incident!.id).toArray();
    expect(entries.map((entry) => entry.kind).sort()).toEqual(['checklist_added', 'created']);
    expect((await db.outbox.toArray()).map((op) => op.event.kind)).toEqual(['created', 'checklist_added']);
  });

  it('switching templates replaces the prefix instead of stacking it; the person can still change the prefilled values', async () => {
    const db = await freshCaptureDb();
    const { user } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Plant room');
    await user.selectOptions(screen.getByLabelText('Template'), 'Water leak');
    expect(screen.getByLabelText('Title')).toHaveValue('Water leak: Plant room');
    await user.selectOptions(screen.getByLabelText('Template'), 'Medical gas alarm');
    expect(screen.getByLabelText('Title')).toHaveValue('Medical gas alarm: Plant room');
    expect(screen.getByLabelText('Category')).toHaveValue('Facility › Medical gas');
    await user.selectOptions(screen.getByLabelText('Impact'), '2 — Medium');
    expect(screen.getByLabelText('Impact')).toHaveValue('2');
    await user.selectOptions(screen.getByLabelText('Template'), 'No template');
    expect(screen.queryByRole('region', { name: 'Checklist' })).not.toBeInTheDocument();
  });

  it('keeps the chosen template in the draft', async () => {
    const db = await freshCaptureDb();
    const first = renderCapture(db);
    await first.user.selectOptions(screen.getByLabelText('Template'), 'Network outage');
    await unmountAsReload(first, db);
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.values.templateId).toBe('network-outage'));
    renderCapture(db);
    await waitFor(() => expect(screen.getByLabelText('Template')).toHaveValue('network-outage'));
    expect(screen.getByRole('region', { name: 'Checklist' })).toBeInTheDocument();
  });
});
