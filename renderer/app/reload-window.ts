// Reloading this window, in one place so the banner's confirmation can be tested without a real navigation.
export function reloadWindow(): void {
  window.location.reload();
}
