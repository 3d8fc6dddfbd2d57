// Several HQ instances over one PostgreSQL schema (as behind a load balancer), and raw requests to them.
import { buildHqApp } from '../../../../server/app';
import { hashSecret, newToken } from '../../../../server/auth/secrets';
import { openPostgresStore } from '../../../../server/store/postgres/postgres-store';
import type { HqStore } from '../../../../server/store/types';
import { enrollmentResponseSchema, enrollResponseSchema, PROTOCOL_VERSION } from '../../../../shared/sync/wire';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';

export const PG_URL = process.env.LANTERN_TEST_PG_URL;

export interface Instance {
  readonly app: FastifyInstance;
  readonly store: HqStore;
  readonly url: string;
}

export interface Cluster {
  readonly instances: Instance[];
  readonly adminToken: string;
  readonly schema: string;
  close(): Promise<void>;
}

/** `n` HQ instances (own Fastify app, own pool, own group committer) sharing one PostgreSQL schema, as behind a load balancer. */
export async function pgCluster(n: number, clock?: { now(): number }): Promise<Cluster> {
  const url = PG_URL!;
  const schema = `lantern_cluster_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const adminToken = newToken();
  const instances: Instance[] = [];
  for (let i = 0; i < n; i++) {
    const store = await openPostgresStore({ url, schema, maxConnections: 8 });
    const app = await buildHqApp({ store, adminTokenHash: hashSecret(adminToken), log: () => undefined, logError: () => undefined, ...(clock ? { clock } : {}) });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    instances.push({ app, store, url: address });
  }
  return {
    instances,
    adminToken,
    schema,
    async close() {
      for (const instance of instances) {
        await instance.app.close();
        await instance.store.close();
      }
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

export interface RawReply {
  readonly status: number;
  readonly json: Record<string, unknown>;
  readonly text: string;
}

export async function call(base: string, path: string, options: { token?: string; body?: unknown; raw?: Uint8Array; method?: string } = {}): Promise<RawReply> {
  const headers: Record<string, string> = { 'Lantern-Protocol': String(PROTOCOL_VERSION) };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | Buffer | undefined;
  if (options.raw) {
    body = Buffer.from(options.raw);
    headers['Content-Type'] = 'application/octet-stream';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`${base}${path}`, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* not JSON */
  }
  return { status: response.status, json, text };
}

export async function enrollAt(base: string, adminToken: string, deviceId: string): Promise<string> {
  const issued = await call(base, '/v1/admin/enrollments', { token: adminToken, body: { name: deviceId } });
  const { code } = enrollmentResponseSchema.parse(issued.json);
  const reply = await call(base, '/v1/enroll', { body: { code, deviceId, deviceName: deviceId, protocolVersion: PROTOCOL_VERSION } });
  if (reply.status !== 200) throw new Error(`enroll failed: ${reply.status} ${reply.text}`);
  return enrollResponseSchema.parse(reply.json).deviceToken;
}

export function pushBody(deviceId: string, ops: readonly unknown[], extra: Record<string, unknown> = {}) {
  return { protocolVersion: PROTOCOL_VERSION, deviceId, ops, ...extra };
}
