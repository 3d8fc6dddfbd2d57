// Tells the remote replica when its page goes away (closed, crashed or navigated/reloaded), so calls fail at once.

/** The parts of Electron's WebContents watched here. */
export interface WatchedPageLike {
  readonly id: number;
  on(event: 'destroyed' | 'render-process-gone' | 'did-navigate', listener: () => void): unknown;
}

/**
 * 'did-navigate' fires for main-frame navigations only, when the new document commits and before its
 * scripts run: the old responder is gone and the new one attaches itself (replica:attach) once ready.
 */
export function watchReplicaPage(page: WatchedPageLike, onGone: (pageId: number) => void): void {
  const { id } = page;
  const gone = (): void => onGone(id);
  page.on('destroyed', gone);
  page.on('render-process-gone', gone);
  page.on('did-navigate', gone);
}
