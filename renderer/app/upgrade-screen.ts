// The start screen while a schema upgrade runs: what it does, how far it is, and that the window must stay open.
import type { UpgradeProgress } from '../db/upgrade-progress';

const INTRO = 'Updating the local database for this version of Lantern. It runs once; with 100,000 incidents it can take a few minutes. Keep this window open.';

/** Plain DOM (React is not rendered yet): a status line and a progress bar, announced politely to screen readers. */
export class UpgradeScreen {
  private readonly line = document.createElement('p');
  private readonly detail = document.createElement('p');
  private readonly bar = document.createElement('progress');
  private shown = false;

  constructor(private readonly container: HTMLElement) {
    this.line.textContent = INTRO;
    this.detail.setAttribute('role', 'status');
    this.detail.textContent = 'Starting…';
    this.bar.setAttribute('aria-label', 'Database update progress');
  }

  show(): void {
    if (this.shown) return;
    this.shown = true;
    const box = document.createElement('div');
    box.className = 'start-status';
    box.append(this.line, this.bar, this.detail);
    this.container.replaceChildren(box);
  }

  update(progress: UpgradeProgress): void {
    const total = Math.max(progress.total, 1);
    this.bar.max = total;
    this.bar.value = Math.min(progress.done, total);
    this.detail.textContent = `${progress.phase}: ${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')}`;
  }
}
