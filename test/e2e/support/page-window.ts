// The few page globals e2e code reads inside page.evaluate; the Node tsconfig has no DOM lib, so they are typed here.
// Use only as a type cast (`globalThis as unknown as PageWindow`): evaluated functions cannot close over imports.

export interface PageElement {
  readonly id: string;
  readonly tagName: string;
  blur(): void;
}

export interface PageWindow {
  readonly document: { readonly activeElement: PageElement | null; readonly body: PageElement };
  readonly __pwned?: unknown;
  readonly lantern?: unknown;
  readonly require?: unknown;
  readonly process?: unknown;
}
