// Whose conflict it is: a side written on this device, and when the clash happened (from its stamps).
import { parseHlc } from '../../../shared/domain';

interface Sided {
  readonly winner: { readonly hlc: string; readonly deviceId: string };
  readonly loser: { readonly hlc: string; readonly deviceId: string };
}

/**
 * One of the two changes was made on `deviceId`. Each side records the device that wrote it (the operation's device,
 * or the node of the stamp it lost or won against, which is the writing device's id: createHlc(deviceId)).
 */
export function involvesDevice(conflict: Sided, deviceId: string | null): boolean {
  if (deviceId === null) return false;
  return [conflict.winner, conflict.loser].some((side) => side.deviceId === deviceId || nodeOf(side.hlc) === deviceId);
}

function nodeOf(hlc: string): string | null {
  try {
    return parseHlc(hlc).node;
  } catch {
    return null;
  }
}

function wallOf(hlc: string): number {
  try {
    return parseHlc(hlc).wallMs;
  } catch {
    return 0;
  }
}

/** When the clash happened: the later of its two changes, by their ordering stamps (HQ caps ones from the future). */
export function clashTimeMs(conflict: Sided): number {
  return Math.max(wallOf(conflict.winner.hlc), wallOf(conflict.loser.hlc));
}
