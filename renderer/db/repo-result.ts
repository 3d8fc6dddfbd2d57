// The result every repository call returns: a value, or an error a person can act on (expected failures never throw).
import type { CommandError } from '../../shared/domain';

/** Domain refusals, plus: unknown id, disk full, other storage failure, device clock obviously wrong. */
export type RepoErrorCode = CommandError['code'] | 'not-found' | 'storage-full' | 'storage-error' | 'clock-wrong';

export interface RepoError {
  code: RepoErrorCode;
  /** The input field the message is about, when there is one (for showing it next to that field). */
  field?: string;
  message: string;
}

export type RepoResult<T> = { ok: true; value: T } | { ok: false; error: RepoError };

export function succeed<T>(value: T): RepoResult<T> {
  return { ok: true, value };
}

export function fail<T>(error: RepoError): RepoResult<T> {
  return { ok: false, error };
}
