// Checks an HQ address typed by a person: absolute http(s), a host, no credentials, no query or fragment.

/** Longest HQ address accepted (a reverse-proxy path included). */
export const MAX_HQ_URL_LENGTH = 2048;

export type HqUrlCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string };

const SHAPE = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i;
const HOST = /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))*\.?)(?::(\d{1,5}))?$/i;
const PATH = /^(?:\/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)*$/;

const ASK = 'Enter the HQ address your administrator gave you, for example https://hq.example.org.';

/**
 * Pure string checks (shared code has no URL class). Returns the address normalised: lower-case scheme and
 * host, no trailing slash. Never echoes the input in its messages.
 */
export function checkHqUrl(raw: string): HqUrlCheck {
  const text = raw.trim();
  if (text.length === 0) return { ok: false, message: `The HQ address is empty. ${ASK}` };
  if (text.length > MAX_HQ_URL_LENGTH) return { ok: false, message: `The HQ address is too long. ${ASK}` };
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f\\]/.test(text)) return { ok: false, message: `The HQ address contains spaces or characters that do not belong in an address. ${ASK}` };
  const match = SHAPE.exec(text);
  if (!match) return { ok: false, message: `The HQ address must start with https:// (or http:// on a trusted local network). ${ASK}` };
  const [, scheme = '', authority = '', path = '', query, fragment] = match;
  const protocol = scheme.toLowerCase();
  if (protocol !== 'http' && protocol !== 'https') return { ok: false, message: `Only https:// and http:// addresses can be HQ addresses. ${ASK}` };
  if (authority.includes('@')) return { ok: false, message: 'The HQ address must not contain a user name or password: the enrollment code is what signs this device in.' };
  const host = HOST.exec(authority);
  if (!host) return { ok: false, message: `The HQ address has no valid server name. ${ASK}` };
  const port = host[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return { ok: false, message: `The port in the HQ address is not valid. ${ASK}` };
  if (query !== undefined || fragment !== undefined) return { ok: false, message: `The HQ address must not contain "?" or "#" parts. ${ASK}` };
  if (!PATH.test(path)) return { ok: false, message: `The HQ address has characters that do not belong in an address. ${ASK}` };
  return { ok: true, url: `${protocol}://${authority.toLowerCase()}${path.replace(/\/+$/, '')}` };
}

/** The server name of an address checkHqUrl accepted: lower-case, without the port or the brackets' contents changed. */
function hostOf(url: string): string {
  const authority = /^[a-z]+:\/\/([^/]*)/i.exec(url)?.[1] ?? '';
  return authority.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/**
 * Whether the address names this computer itself: "localhost" (and *.localhost, RFC 6761), 127.0.0.0/8 or [::1].
 * Traffic to these never leaves the machine, so http:// there exposes nothing on the network.
 */
export function isLoopbackHqUrl(url: string): boolean {
  const host = hostOf(url);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]' || host === '[0:0:0:0:0:0:0:1]') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4.slice(1).every((part) => Number(part) <= 255);
}

/**
 * Whether talking to this HQ address sends the enrollment code, the device token and incident data unencrypted over
 * a network: http:// to anything but this computer itself.
 */
export function isUnencryptedHqUrl(url: string): boolean {
  return /^http:\/\//i.test(url.trim()) && !isLoopbackHqUrl(url.trim());
}

/** The server name of an address, for messages ("hq.lan", "192.168.1.20"). */
export function hqHostName(url: string): string {
  return hostOf(url.trim());
}
