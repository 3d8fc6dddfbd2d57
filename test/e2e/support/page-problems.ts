// Collects what a page reports as broken (console errors, uncaught exceptions, CSP violations) so tests can fail on it.
import type { BrowserContext, ConsoleMessage } from 'playwright-core';

export class PageProblems {
  private found: string[] = [];

  /** Watches every page of the context, including pages opened later. */
  watch(context: BrowserContext): void {
    context.on('console', (message) => this.onConsole(message));
    // Uncaught exceptions and unhandled rejections in any page of the context.
    context.on('weberror', (error) => this.found.push(`Uncaught in page: ${error.error().stack ?? error.error().message}`));
  }

  /** Returns everything found since the last call and starts a fresh list. */
  take(): string[] {
    const found = this.found;
    this.found = [];
    return found;
  }

  private onConsole(message: ConsoleMessage): void {
    // CSP violations arrive here too ("Refused to execute inline script …"), as console errors.
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    const where = url ? ` (${url}:${lineNumber})` : '';
    this.found.push(`console.error: ${message.text()}${where}`);
  }
}

export function describeProblems(problems: readonly string[]): string {
  return `The page reported ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`;
}
