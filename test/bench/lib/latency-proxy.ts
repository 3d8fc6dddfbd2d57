// A TCP proxy on 127.0.0.1 that holds every chunk for a fixed time each way: a slow link (e.g. 4G) in front of HQ.
import { connect, createServer, type Socket } from 'node:net';

export interface LatencyProxy {
  /** http://127.0.0.1:<port> — use it in place of the target's URL. */
  url: string;
  close(): Promise<void>;
}

/** Forwards to `targetUrl`'s host and port, each chunk delayed by `oneWayMs` (round trip = 2 × oneWayMs); order is kept. */
export async function startLatencyProxy(targetUrl: string, oneWayMs: number): Promise<LatencyProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on('error', closeBoth);
      // After the chunks still held for the other side have gone (they wait oneWayMs), like a real link.
      socket.on('close', () => setTimeout(closeBoth, oneWayMs + 1));
    }
    forwardLate(client, upstream, oneWayMs);
    forwardLate(upstream, client, oneWayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('latency proxy: no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Timers of equal length fire in the order they were set, so chunks arrive in the order they were sent. */
function forwardLate(from: Socket, to: Socket, ms: number): void {
  from.on('data', (chunk) => {
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, ms);
  });
  from.on('end', () => setTimeout(() => to.end(), ms));
}
