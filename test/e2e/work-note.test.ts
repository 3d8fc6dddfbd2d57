// Work notes: added from the detail pane, shown in the timeline, and still there after a reload.
import { describe, expect, it } from 'vitest';
import { openIncident, recordIncident, ui } from './support/incident-ui';
import { useAppSession } from './support/use-app-session';

const session = useAppSession();

const TITLE = 'Water leak above the records room';
const NOTE = 'Plumber on site 10:40; ceiling tile removed, leak traced to a corroded joint.';

describe('work notes', () => {
  it('adds a note to the timeline and keeps it across a reload', async () => {
    const page = session().page;
    await recordIncident(page, { title: TITLE });

    await ui.field(page, 'Work note').fill(NOTE);
    await ui.addNoteButton(page).click();
    const note = ui.timeline(page).getByRole('listitem').filter({ hasText: NOTE });
    await note.waitFor();
    expect(await ui.field(page, 'Work note').inputValue()).toBe('');

    await session().reload();
    await openIncident(page, TITLE);
    await ui.timeline(page).getByRole('listitem').filter({ hasText: NOTE }).waitFor();
    const entries = await ui.timeline(page).getByRole('listitem').allInnerTexts();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toContain('Recorded');
    expect(entries[1]).toContain(NOTE);
  });
});
