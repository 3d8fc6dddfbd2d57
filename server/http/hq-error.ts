// HqError: an error answer with a machine code, plain-words message and optional extra fields.
import { HQ_ERROR_STATUS, type ErrorBody, type HqErrorCode } from '../../shared/sync/wire';

export type ErrorExtra = Omit<ErrorBody, 'error' | 'message'>;

export class HqError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: HqErrorCode,
    message: string,
    readonly extra: ErrorExtra = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HqError';
    this.statusCode = HQ_ERROR_STATUS[code];
  }

  body(): ErrorBody {
    return { error: this.code, message: this.message, ...this.extra };
  }
}
