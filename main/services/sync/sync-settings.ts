// Remembers this device's HQ link (address, name, device id) as a small JSON file in userData; never the token.
import { z } from 'zod';
import { MAX_HQ_URL_LENGTH } from '../../../shared/ipc/schemas/hq-url';
import { deviceIdSchema } from '../../../shared/sync/wire/common';

const connectionSchema = z.strictObject({
  hqUrl: z.string().min(1).max(MAX_HQ_URL_LENGTH),
  deviceName: z.string().min(1).max(120),
  /** The local database's device id; HQ bound the token to it at enrollment. */
  deviceId: deviceIdSchema,
  hqId: z.string().max(200),
  connectedAt: z.number().int().min(0),
});
export type SyncSettings = z.infer<typeof connectionSchema>;

const fileSchema = z.strictObject({ version: z.literal(1), connection: connectionSchema.nullable() });

/** Where the JSON lives: read returns null when nothing was saved yet (fileSecretPersistence fits). */
export interface SettingsPersistence {
  read(): Promise<string | null>;
  write(contents: string): Promise<void>;
}

export class SyncSettingsStore {
  constructor(
    private readonly persistence: SettingsPersistence,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  /** Null when not connected, or when the file is unreadable (then the person connects again; nothing else is lost). */
  async load(): Promise<SyncSettings | null> {
    const contents = await this.persistence.read();
    if (contents === null) return null;
    let json: unknown;
    try {
      json = JSON.parse(contents);
    } catch {
      json = undefined;
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      this.warn('Lantern: the sync settings file is unreadable; the device must be connected to HQ again.');
      return null;
    }
    return parsed.data.connection;
  }

  async save(connection: SyncSettings): Promise<void> {
    await this.write(connectionSchema.parse(connection));
  }

  async clear(): Promise<void> {
    await this.write(null);
  }

  private async write(connection: SyncSettings | null): Promise<void> {
    await this.persistence.write(`${JSON.stringify({ version: 1, connection }, null, 2)}\n`);
  }
}
