// The pull cursor: opaque to devices, base64url JSON of HQ's epoch and the last serverSeq handed out.
import { z } from 'zod';

const cursorSchema = z.strictObject({ e: z.string().min(1).max(64), s: z.number().int().min(0) });

export interface CursorPosition {
  readonly epoch: string;
  readonly seq: number;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ e: position.epoch, s: position.seq }), 'utf8').toString('base64url');
}

/** null when the text is not a cursor HQ made. */
export function decodeCursor(text: string): CursorPosition | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { epoch: parsed.data.e, seq: parsed.data.s } : null;
  } catch {
    return null;
  }
}
