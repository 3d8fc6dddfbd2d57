// Pressing save twice before the first save finishes (Enter twice, a double click) records the entry once: the timeline is append-only and synced.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ServicesProvider, type Services } from '../../renderer/app/services';
import { createIncidentRepository, ensureDevice, getTimeline, openLanternDb } from '../../renderer/db';
import { createBrowserHost } from '../../renderer/host/browser-host';
import { NoteForm } from '../../renderer/features/incidents/note-form';
import { CommunicationForm } from '../../renderer/features/incidents/communication-form';

let counter = 0;
async function setup() {
  counter += 1;
  const db = openLanternDb(`review-double-${Date.now()}-${counter}`);
  await ensureDevice(db);
  const services: Services = { db, incidents: createIncidentRepository(db), host: createBrowserHost() };
  const created = await services.incidents.record({ title: 'Generator fault' });
  if (!created.ok) throw new Error(created.error.message);
  return { db, services, id: created.value.id, incident: created.value };
}

describe('double submit', () => {
  it('NoteForm: Ctrl+Enter pressed twice adds the note once', async () => {
    const { db, services, id } = await setup();
    render(<ServicesProvider services={services}><NoteForm incidentId={id} /></ServicesProvider>);
    const box = screen.getByLabelText('Work note');
    fireEvent.change(box, { target: { value: 'Called the vendor' } });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(box).toHaveValue(''));
    await new Promise((r) => setTimeout(r, 200));
    const notes = (await getTimeline(db, id)).filter((e) => e.kind === 'note');
    expect(notes).toHaveLength(1);
  });

  it('CommunicationForm: "Save communication" clicked twice logs the message once', async () => {
    const { db, services, id, incident } = await setup();
    render(
      <ServicesProvider services={services}>
        <CommunicationForm incident={incident} events={[]} open onOpenChange={() => undefined} />
      </ServicesProvider>,
    );
    fireEvent.change(screen.getByLabelText('From'), { target: { value: 'Desk' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: 'Facilities' } });
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Generator on its way' } });
    const save = screen.getByRole('button', { name: 'Save communication' });
    fireEvent.click(save);
    fireEvent.click(save);
    await new Promise((r) => setTimeout(r, 300));
    const comms = (await getTimeline(db, id)).filter((e) => e.kind === 'communication');
    expect(comms).toHaveLength(1);
  });
});
