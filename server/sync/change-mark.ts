// The read API's change-feed mark: an epoch and the serverSeq up to which an integration has seen incident changes.

export interface ChangeMark {
  readonly epoch: string;
  readonly seq: number;
}

/** Opaque to integrations (base64url), so its form can change without breaking them. */
export function encodeChangeMark(mark: ChangeMark): string {
  return Buffer.from(`${mark.epoch}:${mark.seq}`, 'utf8').toString('base64url');
}

/** The mark, or null when HQ did not make this text. */
export function decodeChangeMark(text: string): ChangeMark | null {
  const match = /^([A-Za-z0-9_-]{1,64}):(\d{1,15})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match) return null;
  const seq = Number(match[2]);
  return Number.isSafeInteger(seq) ? { epoch: match[1]!, seq } : null;
}
