// What to tell a person about the HQ address they typed, before anything is sent: the same rules the host applies.
import { checkHqUrl } from '../../../shared/ipc/schemas/hq-url';

/** The example every message points to: a full address, scheme included. */
export const HQ_ADDRESS_EXAMPLE = 'https://hq.example.org';

export const HQ_ADDRESS_MESSAGES = {
  empty: `Enter the HQ address your administrator gave you, starting with https://, such as ${HQ_ADDRESS_EXAMPLE}.`,
  noScheme: `Enter the full address starting with https://, such as ${HQ_ADDRESS_EXAMPLE} (http:// only on a trusted local network).`,
} as const;

/** null when the address can be tried; otherwise a message saying what to type. */
export function hqAddressProblem(raw: string): string | null {
  const text = raw.trim();
  if (text === '') return HQ_ADDRESS_MESSAGES.empty;
  // "hq.example" or "hq.example.org/lantern": the most common slip, so say exactly what is missing.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return HQ_ADDRESS_MESSAGES.noScheme;
  const check = checkHqUrl(text);
  return check.ok ? null : check.message;
}
