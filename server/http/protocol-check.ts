// The Lantern-Protocol check: a client newer or older than HQ gets 426 with plain words; its data stays put.
import { MIN_PROTOCOL_VERSION, PROTOCOL_MESSAGES, PROTOCOL_VERSION } from '../../shared/sync/wire';
import { HqError } from './hq-error';

const supported = { min: MIN_PROTOCOL_VERSION, max: PROTOCOL_VERSION };

/** Throws the answer for an unusable version; `header` is the raw header value (undefined when absent). */
export function checkProtocol(header: string | string[] | undefined, required: boolean): void {
  if (header === undefined) {
    if (required) throw new HqError('protocol-missing', `Send the header "Lantern-Protocol: ${PROTOCOL_VERSION}" with every sync request.`, { supported });
    return;
  }
  const text = Array.isArray(header) ? header[0] : header;
  if (text === undefined || !/^\d{1,6}$/.test(text.trim())) {
    throw new HqError('invalid-request', `The Lantern-Protocol header must be a whole number (HQ speaks ${PROTOCOL_VERSION}).`, { supported });
  }
  checkProtocolVersion(Number(text.trim()));
}

export function checkProtocolVersion(version: number): void {
  if (version > PROTOCOL_VERSION) throw new HqError('client-newer', PROTOCOL_MESSAGES['client-newer'], { supported });
  if (version < MIN_PROTOCOL_VERSION) throw new HqError('client-outdated', PROTOCOL_MESSAGES['client-outdated'], { supported });
}
