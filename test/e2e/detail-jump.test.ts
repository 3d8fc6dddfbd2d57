// The detail's "Jump to" bar in real Chromium: a jump scrolls the detail pane only, never the window (top bar stays).
import { describe, expect, it } from 'vitest';
import { recordIncident } from './support/incident-ui';
import { useAppSession } from './support/use-app-session';

const session = useAppSession({ viewport: { width: 1024, height: 768 } });

describe('jump to a section', () => {
  it('moves focus to the Timeline heading and keeps the window itself unscrolled', async () => {
    const page = session().page;
    await recordIncident(page, { title: 'Ward 3 oxygen alarm', description: 'Low-pressure alarm on the manifold.' });
    // Evaluated as text: the Node tsconfig of the e2e tests has no DOM types.
    const documentHeight = () => page.evaluate<{ scrollable: number; y: number }>('({ scrollable: document.scrollingElement.scrollHeight - innerHeight, y: scrollY })');
    // Nothing in the detail may make the page longer than the window (an unanchored hidden heading once did).
    expect(await documentHeight()).toEqual({ scrollable: 0, y: 0 });

    await page.getByRole('navigation', { name: 'Incident sections' }).getByRole('button', { name: 'Timeline' }).click();
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.textContent')).toBe('Timeline');
    expect(await documentHeight()).toEqual({ scrollable: 0, y: 0 });
    await page.getByRole('button', { name: 'New incident', exact: true }).waitFor({ state: 'visible' });
    const top = await page.getByRole('button', { name: 'New incident', exact: true }).boundingBox();
    expect(top!.y).toBeGreaterThanOrEqual(0);
  });
});
