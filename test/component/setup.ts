// Component test setup: an in-memory IndexedDB, jest-dom matchers, and a clean DOM after each test.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

// A save through fake IndexedDB takes a few hundred ms alone but can pass a second when CI runs the whole suite on two
// busy cores: findBy/waitFor wait up to 4 s (what some files already set for themselves) before calling it missing.
configure({ asyncUtilTimeout: 4000 });

// jsdom 27 has no HTMLDialogElement.showModal/close: a minimal stand-in that toggles `open` and fires `close`.
// It does not make the page inert or handle Escape; the settings dialog handles Escape itself, and its Tab wrap is in the app.
if (typeof HTMLDialogElement !== 'undefined' && !('showModal' in HTMLDialogElement.prototype)) {
  Object.assign(HTMLDialogElement.prototype, {
    showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    },
    show(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    },
    close(this: HTMLDialogElement) {
      if (!this.hasAttribute('open')) return;
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    },
  });
}
