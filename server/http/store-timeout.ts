// A bound on how long the status page (and its token check) waits for the store: a hung database must still get an answer.
/** A monitor polls the status page: a database that does not answer within this long counts as unreachable. */
export const STATUS_STORE_TIMEOUT_MS = 3_000;

/** `work`, or an ETIMEDOUT error (answered 503 "cannot reach its database") when it takes longer than `ms`. */
export function withinTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`the database did not answer within ${ms / 1000} s`), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
