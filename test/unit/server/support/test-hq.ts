// Starts HQ in-process on 127.0.0.1:0 over a test store and talks to it over real HTTP with fetch.
import type { FastifyInstance } from 'fastify';
import { buildHqApp, type Clock, type HqLimits } from '../../../../server/app';
import { hashSecret, newToken } from '../../../../server/auth/secrets';
import type { HqStore } from '../../../../server/store/types';
import type { Operation } from '../../../../shared/sync/operation';
import {
  enrollResponseSchema,
  enrollmentResponseSchema,
  PROTOCOL_VERSION,
  pullResponseSchema,
  pushResponseSchema,
  type FileClaim,
  type PullResponse,
  type PushResponse,
} from '../../../../shared/sync/wire';
import type { StoreFactory } from './store-factories';
import { TestDevice } from './test-device';

export interface TestHqOptions {
  readonly limits?: Partial<HqLimits>;
  readonly clock?: Clock;
  readonly allowOrigins?: readonly string[];
  /** Where HQ's security log goes (default: dropped). */
  readonly log?: (line: string) => void;
  /** The reverse proxy addresses whose X-Forwarded-For HQ believes (--trust-proxy). */
  readonly trustProxy?: readonly string[];
}

export interface RequestOptions {
  readonly method?: string;
  readonly token?: string | null;
  readonly body?: unknown;
  readonly rawBody?: Uint8Array | string;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
  /** Set false to leave out the Lantern-Protocol header. */
  readonly protocol?: number | false;
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly json: Record<string, unknown>;
  readonly text: string;
}

export class TestHq {
  private constructor(
    readonly app: FastifyInstance,
    readonly store: HqStore,
    readonly url: string,
    readonly adminToken: string,
    private readonly cleanup: () => Promise<void>,
  ) {}

  /** The device `referenceFile` pushes from, enrolled on first use. */
  private namer: { device: TestDevice; token: string } | null = null;

  static async start(factory: StoreFactory, options: TestHqOptions = {}): Promise<TestHq> {
    const opened = await factory.open();
    const adminToken = newToken();
    const app = await buildHqApp({
      store: opened.store,
      adminTokenHash: hashSecret(adminToken),
      allowOrigins: options.allowOrigins,
      limits: options.limits,
      clock: options.clock,
      log: options.log ?? (() => undefined),
      ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
      logError: () => undefined,
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    return new TestHq(app, opened.store, url, adminToken, opened.cleanup);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.cleanup();
  }

  async request(path: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.protocol !== false) headers['Lantern-Protocol'] = String(options.protocol ?? PROTOCOL_VERSION);
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: string | Buffer | undefined;
    if (options.rawBody !== undefined) {
      body = typeof options.rawBody === 'string' ? options.rawBody : Buffer.from(options.rawBody);
      headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = options.contentType ?? 'application/json';
    }
    const response = await fetch(`${this.url}${path}`, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
    const text = await response.text();
    let json: Record<string, unknown> = {};
    if ((response.headers.get('content-type') ?? '').includes('json') && text) json = JSON.parse(text) as Record<string, unknown>;
    return { status: response.status, headers: response.headers, json, text };
  }

  /** Admin issues a code, the device enrolls with it; returns the device token. `reenroll`: a code issued for this known device. */
  async enroll(deviceId: string, name = `Laptop ${deviceId}`, options: { reenroll?: boolean } = {}): Promise<string> {
    const issued = await this.request('/v1/admin/enrollments', { token: this.adminToken, body: { name, ...(options.reenroll ? { deviceId } : {}) } });
    const { code } = enrollmentResponseSchema.parse(issued.json);
    const reply = await this.request('/v1/enroll', { body: { code, deviceId, deviceName: name, protocolVersion: PROTOCOL_VERSION } });
    if (reply.status !== 200) throw new Error(`enroll failed: ${reply.status} ${reply.text}`);
    return enrollResponseSchema.parse(reply.json).deviceToken;
  }

  /**
   * Pushes an operation (a new incident) that names the file, as a device does before it uploads: HQ takes uploads only
   * of files an accepted operation names, with that size.
   */
  async referenceFile(sha256: string, size: number): Promise<void> {
    this.namer ??= { device: new TestDevice('file-namer'), token: await this.enroll('file-namer') };
    const create = this.namer.device.create('Photo attached');
    const reply = await this.push(this.namer.token, this.namer.device.id, [create], [{ opId: create.opId, sha256, size }]);
    if (reply.results[0]?.status !== 'applied') throw new Error(`referenceFile: the operation was not applied (${JSON.stringify(reply.results[0])})`);
  }

  async pushRaw(token: string, deviceId: string, ops: readonly unknown[], files?: readonly FileClaim[], extra: Record<string, unknown> = {}): Promise<Reply> {
    return this.request('/v1/sync/push', { token, body: { protocolVersion: PROTOCOL_VERSION, deviceId, ops, ...(files ? { files } : {}), ...extra } });
  }

  async push(token: string, deviceId: string, ops: readonly Operation[], files?: readonly FileClaim[]): Promise<PushResponse> {
    const reply = await this.pushRaw(token, deviceId, ops, files);
    if (reply.status !== 200) throw new Error(`push failed: ${reply.status} ${reply.text}`);
    return pushResponseSchema.parse(reply.json);
  }

  async pull(token: string, cursor?: string, limit?: number): Promise<PullResponse> {
    const params = new URLSearchParams();
    if (cursor) params.set('cursor', cursor);
    if (limit) params.set('limit', String(limit));
    const reply = await this.request(`/v1/sync/pull?${params}`, { token });
    if (reply.status !== 200) throw new Error(`pull failed: ${reply.status} ${reply.text}`);
    return pullResponseSchema.parse(reply.json);
  }

  /** Every operation HQ serves, following the cursor to the end. */
  async pullAll(token: string, limit = 50): Promise<PullResponse['ops']> {
    const all: PullResponse['ops'] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const reply = await this.pull(token, cursor, limit);
      all.push(...reply.ops);
      cursor = reply.cursor;
      if (!reply.hasMore) return all;
    }
    throw new Error('pullAll: too many pages');
  }
}
