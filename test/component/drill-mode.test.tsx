// Drill mode: while on, new incidents are exercises, marked in the banner, list, detail and alerts; a real incident can still be recorded.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from './support/render-app';

type Rendered = Awaited<ReturnType<typeof renderApp>>;

async function startDrill({ user }: Rendered) {
  await user.click(screen.getByRole('button', { name: 'Who is working? Set your name' }));
  const dialog = screen.getByRole('dialog', { name: 'Who is working' });
  await user.click(within(dialog).getByRole('button', { name: 'Start drill' }));
  await within(dialog).findByRole('button', { name: 'End drill' });
  await user.keyboard('{Escape}');
}

async function recordIncident({ user }: Rendered, title: string, untickExercise = false) {
  await user.click(screen.getByRole('button', { name: 'New incident' }));
  await user.type(screen.getByLabelText('Title'), title);
  if (untickExercise) await user.click(screen.getByRole('checkbox', { name: 'Exercise' }));
  await user.click(screen.getByRole('button', { name: 'Save incident' }));
  return screen.findByRole('article', { name: title });
}

describe('drill mode', () => {
  it('marks every new incident as an exercise while on, on every screen, until the drill ends', { timeout: 20_000 }, async () => {
    const app = await renderApp();
    expect(screen.queryByRole('region', { name: 'Drill mode' })).not.toBeInTheDocument();
    await startDrill(app);
    const banner = await screen.findByRole('region', { name: 'Drill mode' });
    expect(banner).toHaveTextContent('EXERCISE');
    expect(banner).toHaveTextContent('new incidents are recorded as exercises');

    await app.user.click(screen.getByRole('button', { name: 'New incident' }));
    expect(screen.getByRole('checkbox', { name: 'Exercise' })).toBeChecked();
    await app.user.click(screen.getByRole('button', { name: 'Cancel' }));
    const detail = await recordIncident(app, 'Drill: generator B fails at 14:00');
    expect(within(detail).getByText('Exercise', { selector: '.badge' })).toBeInTheDocument();
    const list = screen.getByRole('region', { name: 'Incident list' });
    const row = (await within(list).findByRole('button', { name: 'Drill: generator B fails at 14:00' })).closest('tr');
    expect(within(row as HTMLElement).getByText('Exercise')).toBeInTheDocument();
    const [stored] = await app.db.incidents.toArray();
    expect(stored?.exercise).toBe(true);
    const [op] = await app.db.outbox.toArray();
    expect(op?.set).toMatchObject({ exercise: true });

    // A real incident under the banner says so; the drill's do not.
    expect(within(row as HTMLElement).queryByText('Real incident')).toBeNull();

    // Ending asks first; "Keep drill running" changes nothing.
    await app.user.click(within(banner).getByRole('button', { name: 'End drill' }));
    await app.user.click(within(banner).getByRole('button', { name: 'Keep drill running' }));
    expect(screen.getByRole('region', { name: 'Drill mode' })).toBeInTheDocument();
    expect(within(banner).getByRole('button', { name: 'End drill' })).toHaveFocus();
    await app.user.click(within(banner).getByRole('button', { name: 'End drill' }));
    await app.user.click(within(banner).getByRole('button', { name: 'Yes, end drill' }));
    await expect.poll(() => screen.queryByRole('region', { name: 'Drill mode' })).toBeNull();
    const real = await recordIncident(app, 'Real: lift 3 stuck');
    expect(within(real).queryByText('Exercise', { selector: '.badge' })).not.toBeInTheDocument();
    expect((await app.db.incidents.toArray()).find((i) => i.title === 'Real: lift 3 stuck')?.exercise).toBeUndefined();
  });

  it('records a real incident during a drill when Exercise is unticked, marked as real while the drill runs', async () => {
    const app = await renderApp();
    await startDrill(app);
    const detail = await recordIncident(app, 'Real injury during the drill', true);
    expect(within(detail).queryByText('Exercise', { selector: '.badge' })).not.toBeInTheDocument();
    expect(within(detail).getByText('Real incident', { selector: '.badge' })).toBeInTheDocument();
    expect(document.querySelector('.app')).toHaveClass('drill-on');
    const [stored] = await app.db.incidents.toArray();
    expect(stored?.exercise).toBeUndefined();
  });

  it('can mark an incident as an exercise afterwards; the timeline says so', async () => {
    const app = await renderApp();
    const detail = await recordIncident(app, 'Tabletop exercise entered as real');
    // Real → exercise asks first: its alerts would stop breaking through do-not-disturb.
    await app.user.click(within(detail).getByRole('checkbox', { name: 'Exercise' }));
    await app.user.click(within(detail).getByRole('button', { name: 'Keep as real' }));
    expect(within(detail).getByRole('checkbox', { name: 'Exercise' })).not.toBeChecked();
    expect((await app.db.incidents.toArray())[0]?.exercise).toBeUndefined();
    await app.user.click(within(detail).getByRole('checkbox', { name: 'Exercise' }));
    await app.user.click(within(detail).getByRole('button', { name: 'Yes, mark as exercise' }));
    expect(await within(detail).findByText('Exercise', { selector: '.badge' })).toBeInTheDocument();
    expect(await within(detail).findByText('Exercise: No → Yes')).toBeInTheDocument();
    const [stored] = await app.db.incidents.toArray();
    expect(stored?.exercise).toBe(true);
  });
});
