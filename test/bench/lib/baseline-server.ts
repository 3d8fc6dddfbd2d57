// The sync baselines' "bare Node handler": node:http + better-sqlite3, JSON POST of operations and GET pages, CORS for the bench page.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Operation } from '../../../shared/sync/operation';

export interface BaselineServer {
  url: string;
  /** Stores operations directly (to serve the same records HQ holds to the pull baseline). */
  insert(ops: readonly Operation[]): void;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startBaselineServer(allowOrigin: string): Promise<BaselineServer> {
  const dir = await mkdtemp(join(tmpdir(), 'lantern-bench-baseline-'));
  // The same durability settings as HQ's SQLite store.
  const db = new Database(join(dir, 'baseline.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE ops (server_seq INTEGER PRIMARY KEY AUTOINCREMENT, op_id TEXT NOT NULL UNIQUE, device_id TEXT NOT NULL, device_seq INTEGER NOT NULL, body TEXT NOT NULL)');
  const put = db.prepare('INSERT OR IGNORE INTO ops (op_id, device_id, device_seq, body) VALUES (?, ?, ?, ?)');
  const insert = db.transaction((ops: readonly Operation[]) => {
    for (const op of ops) put.run(op.opId, op.deviceId, op.deviceSeq, JSON.stringify(op));
  });
  const page = db.prepare<[number, number], { server_seq: number; body: string }>('SELECT server_seq, body FROM ops WHERE server_seq > ? ORDER BY server_seq LIMIT ?');

  const send = (response: ServerResponse, status: number, body: string) => {
    response.writeHead(status, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': allowOrigin });
    response.end(body);
  };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'Access-Control-Allow-Origin': allowOrigin, 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type' });
      return response.end();
    }
    if (request.method === 'POST' && url.pathname === '/push') {
      const { ops } = JSON.parse(await readBody(request)) as { ops: Operation[] };
      insert(ops);
      return send(response, 200, JSON.stringify({ stored: ops.length }));
    }
    if (request.method === 'GET' && url.pathname === '/pull') {
      const limit = Number(url.searchParams.get('limit') ?? 500);
      const rows = page.all(Number(url.searchParams.get('after') ?? 0), limit + 1);
      const shown = rows.slice(0, limit);
      return send(response, 200, `{"ops":[${shown.map((r) => `{"serverSeq":${r.server_seq},"op":${r.body}}`).join(',')}],"hasMore":${rows.length > limit}}`);
    }
    return send(response, 404, '{}');
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, JSON.stringify({ error: String(error) })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    insert: (ops) => insert(ops),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
