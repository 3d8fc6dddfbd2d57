// Plain words for a failed "Connect" (enrollment) in both hosts: nothing retries a connect, so no message promises a later sync.
import { HQ_REDIRECT_CODE } from './fetch-transport';
import { DEVICE_ALREADY_ENROLLED } from './http-errors';
import type { SyncError } from './sync-error';

/** Where the person tried to connect, and as which device (HQ's administrator needs the id for a re-enrollment code). */
export interface ConnectTarget {
  /** The HQ address as checked and normalised (checkHqUrl). */
  readonly hqUrl: string;
  readonly deviceId: string;
  /** The device has a connection already (e.g. one HQ cut off): a failed connect leaves it as it was. */
  readonly hasConnection?: boolean;
  /**
   * The page's origin when connecting from a browser page: there a refused origin (HQ started without --allow-origin
   * for it) fails like a network error, so the unreachable words also name the fix.
   */
  readonly pageOrigin?: string;
}

/** How a failed connect ends: the form stays, and nothing syncs on its own until a connect succeeds. */
export const CONNECT_OUTCOME = {
  notConnected: 'This device is not connected yet.',
  unchanged: 'Nothing was changed: this device keeps the connection it had.',
} as const;

const CONNECT_UNREACHABLE = (hqUrl: string) => `Could not reach HQ at ${hqUrl}. Check the address, or try again when this computer has a connection.`;

/** Each without its last sentence, which says what became of the connection (CONNECT_OUTCOME). */
export const CONNECT_FAILURE_MESSAGES = {
  unreachable: CONNECT_UNREACHABLE,
  unreachableFromPage: (hqUrl: string, pageOrigin: string) =>
    `${CONNECT_UNREACHABLE(hqUrl)} If HQ is running, it must also be started with --allow-origin ${pageOrigin} to accept this page.`,
  nameNotFound: (hqUrl: string, host: string) =>
    `The server name ${host} was not found, so HQ at ${hqUrl} could not be reached. Check the address for typing mistakes, or try again when this computer has a connection.`,
  tls: (hqUrl: string) =>
    `The connection to HQ at ${hqUrl} is not secure: its certificate is not trusted by this computer (expired, self-signed or for another name), so the enrollment code was not sent. Ask your HQ administrator.`,
  timeout: (hqUrl: string) => `HQ at ${hqUrl} did not answer in time. Check the connection and try again.`,
  notHq: (hqUrl: string) => `${hqUrl} answered, but not as a Lantern HQ. Check the address (and port) with your HQ administrator.`,
  codeRefused: () => 'HQ did not accept this enrollment code: it may be mistyped, used already or expired. Ask your HQ administrator for a new code.',
  originRefused: (hqUrl: string) => `HQ at ${hqUrl} does not accept connections from this web page’s address. Ask your HQ administrator to allow it.`,
  hqProblem: (hqUrl: string) => `HQ at ${hqUrl} had a problem and could not connect this device. Try again in a few minutes.`,
  busy: (hqUrl: string) => `HQ at ${hqUrl} is busy right now. Try again in a minute.`,
  unexpected: (hqUrl: string) =>
    `HQ at ${hqUrl} refused to connect this device for a reason this version of Lantern does not know. Try again; if it keeps happening, tell your HQ administrator.`,
} as const;

/** HQ refuses a code for a new device on a revoked id (403 device-revoked) and leaves the code unused. */
export function revokedAtConnect(deviceId: string): string {
  return (
    `HQ has revoked this device (device id ${deviceId}), so an enrollment code for a new device cannot connect it; the code was not used up. ` +
    `Your data stays on this device. Ask your HQ administrator for a re-enrollment code for device ${deviceId}, and connect with that code.`
  );
}

const TLS_PATTERN = /ERR_CERT|ERR_SSL|CERT_|SSL|TLS|certificate|self[- ]signed|UNABLE_TO_VERIFY/i;
// Chromium (Electron's net.fetch) and Node name a failed DNS lookup this way; a page's fetch only says "Failed to fetch".
// EAI_AGAIN (lookup could not be done, e.g. no network) is not "not found": it gets the unreachable words.
const NAME_NOT_FOUND_PATTERN = /ERR_NAME_NOT_RESOLVED|ENOTFOUND/;

/** The messages and codes of every cause in the chain (fetch wraps the network's reason a few levels deep). */
export function causeText(error: unknown, depth = 0): string {
  if (depth > 5 || error === null || typeof error !== 'object') return '';
  const own = [(error as { message?: unknown }).message, (error as { code?: unknown }).code].filter((part) => typeof part === 'string').join(' ');
  return `${own} ${causeText((error as { cause?: unknown }).cause, depth + 1)}`;
}

/** The server name of a checked HQ address, without the port. */
function hostOf(hqUrl: string): string {
  const authority = /^[a-z]+:\/\/([^/]*)/i.exec(hqUrl)?.[1] ?? hqUrl;
  return authority.replace(/:\d+$/, '');
}

/** What a person reads when enrollment failed with a SyncError; never echoes HQ's body or the code. */
export function describeConnectFailure(error: SyncError, target: ConnectTarget): string {
  const outcome = target.hasConnection === true ? CONNECT_OUTCOME.unchanged : CONNECT_OUTCOME.notConnected;
  switch (error.kind) {
    case 'revoked':
      return revokedAtConnect(target.deviceId);
    case 'client-newer':
    case 'client-outdated':
      // HQ too old (426 client-newer) or this app too old (426 client-outdated): the engine's own words.
      return error.message;
    default:
      if (error.details.code === 'device-exists') return DEVICE_ALREADY_ENROLLED;
      // The transport's own words name where HQ's answer pointed; "not a Lantern HQ" would hide that.
      if (error.details.code === HQ_REDIRECT_CODE) return `${error.message} ${outcome}`;
      return `${failureWords(error, target.hqUrl, target.pageOrigin)} ${outcome}`;
  }
}

function failureWords(error: SyncError, hqUrl: string, pageOrigin: string | undefined): string {
  const m = CONNECT_FAILURE_MESSAGES;
  switch (error.kind) {
    case 'offline': {
      const cause = causeText(error.details.cause);
      if (TLS_PATTERN.test(cause)) return m.tls(hqUrl);
      if (NAME_NOT_FOUND_PATTERN.test(cause)) return m.nameNotFound(hqUrl, hostOf(hqUrl));
      return pageOrigin ? m.unreachableFromPage(hqUrl, pageOrigin) : m.unreachable(hqUrl);
    }
    case 'timeout':
      return m.timeout(hqUrl);
    case 'unauthorized':
      switch (error.details.code) {
        case 'enrollment-invalid':
          return m.codeRefused();
        case 'origin-not-allowed':
          return m.originRefused(hqUrl);
        // A 401/403 without HQ's error body came from something else at that address (a proxy's login, another app).
        case undefined:
          return m.notHq(hqUrl);
        default:
          return m.unexpected(hqUrl);
      }
    case 'rate-limited':
      return m.busy(hqUrl);
    case 'server-error':
      return m.hqProblem(hqUrl);
    default:
      // bad-response (or an epoch answer, which enrollment never gets): an error in HQ's own format is HQ refusing
      // something; anything else (a 404 page, a web page, other JSON) did not come from a Lantern HQ.
      return error.details.code !== undefined && error.details.code !== 'not-found' ? m.unexpected(hqUrl) : m.notHq(hqUrl);
  }
}
