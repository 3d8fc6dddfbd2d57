// Which links may leave the app: only absolute http(s) URLs, never javascript:, file: or data:.
export function isOpenableUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
}
