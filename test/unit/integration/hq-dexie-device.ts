// A laptop as the app has it (Dexie store + repository + Dexie replica + real engine) enrolled at a real HQ app via inject.
import type { FastifyInstance } from 'fastify';
import { createIncidentRepository, ensureDevice, type IncidentRepository } from '../../../renderer/db';
import type { Clock } from '../../../renderer/db/clock';
import type { LanternDb } from '../../../renderer/db/database';
import { createDexieReplica } from '../../../renderer/db/sync-replica';
import { createFetchTransport, SyncEngine, type SyncReport } from '../../../shared/sync/engine';
import { enrollmentResponseSchema, PROTOCOL_HEADER, PROTOCOL_VERSION, pullResponseSchema, type PullResponse } from '../../../shared/sync/wire';
import { freshDb } from '../renderer/db/db-test-kit';
import { createInjectFetch, type InjectFaults, type InjectStats } from './inject-fetch';

const timers = { setTimeout: (cb: () => void, ms: number) => setTimeout(cb, ms), clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };

export interface DeviceEngineOptions {
  /** Operations per push and per pull page: small values make every sync several requests (windows, paging). */
  readonly batchSize?: number;
  readonly pullLimit?: number;
}

export class HqDexieDevice {
  readonly faults: InjectFaults = {};
  readonly stats: InjectStats = { requests: 0, dropped: 0, duplicated: 0 };
  engine!: SyncEngine;
  private token = '';

  private constructor(
    readonly db: LanternDb,
    readonly id: string,
    readonly repo: IncidentRepository,
    readonly clock: Clock,
    private readonly app: FastifyInstance,
    private readonly options: DeviceEngineOptions,
  ) {}

  /** A fresh database; the administrator issues a code and the device enrolls with it through its transport. */
  static async enroll(app: FastifyInstance, adminToken: string, label: string, clock: Clock, options: DeviceEngineOptions = {}): Promise<HqDexieDevice> {
    const db = freshDb(label);
    const { deviceId } = await ensureDevice(db);
    const device = new HqDexieDevice(db, deviceId, createIncidentRepository(db, clock), clock, app, options);
    const issued = await app.inject({ method: 'POST', url: '/v1/admin/enrollments', headers: { authorization: `Bearer ${adminToken}` }, payload: { name: label } });
    if (issued.statusCode !== 200) throw new Error(`enrollment code: ${issued.statusCode} ${issued.body}`);
    const { code } = enrollmentResponseSchema.parse(issued.json());
    const enrolled = await device.transport(null).enroll({ code, deviceId, deviceName: label });
    device.token = enrolled.deviceToken;
    device.restart();
    return device;
  }

  /** The app restarted: a new engine and replica over the same database (nothing in memory survives). */
  restart(): void {
    this.engine = new SyncEngine({
      transport: this.transport(this.token),
      replica: createDexieReplica(this.db, this.clock),
      now: this.clock.nowMs,
      ...(this.options.batchSize ? { batchSize: this.options.batchSize } : {}),
      ...(this.options.pullLimit ? { pullLimit: this.options.pullLimit } : {}),
    });
  }

  /** One sync run; resolves with the report or the error (never rejects). */
  async sync(): Promise<SyncReport | Error> {
    try {
      return await this.engine.syncOnce();
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  /** HQ's whole log as this device may pull it (raw pages, not stored): what HQ holds, for exactly-once checks. */
  async pullAllOps(): Promise<PullResponse['ops']> {
    const all: PullResponse['ops'] = [];
    for (let cursor: string | null = null, page = 0; page < 10_000; page++) {
      const reply = await this.app.inject({
        method: 'GET',
        url: `/v1/sync/pull?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        headers: { authorization: `Bearer ${this.token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      });
      if (reply.statusCode !== 200) throw new Error(`pull: ${reply.statusCode} ${reply.body}`);
      const body = pullResponseSchema.parse(reply.json());
      all.push(...body.ops);
      if (!body.hasMore) return all;
      cursor = body.cursor;
    }
    throw new Error('pullAllOps: too many pages');
  }

  private transport(token: string | null) {
    return createFetchTransport({ baseUrl: 'http://hq.test', token, deviceId: this.id, fetch: createInjectFetch(this.app, this.faults, this.stats), timers, timeoutMs: 10_000, now: this.clock.nowMs });
  }
}
