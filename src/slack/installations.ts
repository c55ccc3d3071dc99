import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Redis } from 'ioredis';

/**
 * Where each workspace's installation (its bot token, refresh token, ids) is kept: in Redis when
 * REDIS_URL is set, in a directory otherwise. Every record is sealed with AES-256-GCM under
 * INSTALLATION_ENCRYPTION_KEY, bound to its own key (a record copied under another team's key does
 * not open), so a copy of the directory or of Redis gives no token away.
 *
 * Keys: `enterprise:<E>` for an Enterprise Grid org-wide install (every workspace of the org uses
 * it), `team:<T>` for a workspace install.
 */

/** The raw records under their keys: a directory or Redis. */
export interface InstallationRecords {
  /** Checked before the bot takes requests: rejects with InstallationDirError for a directory it cannot write. */
  prepare(): Promise<void>;
  get(key: string): Promise<string | undefined>;
  set(key: string, record: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** How many installations are kept (for `GET /metrics`). */
  count(): Promise<number>;
}

/** The key of the installation a request or an install belongs to. */
export function installationKey(query: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}): string {
  if (query.isEnterpriseInstall && query.enterpriseId) return `enterprise:${query.enterpriseId}`;
  if (query.teamId) return `team:${query.teamId}`;
  throw new Error('an installation needs a team id, or an enterprise id for an org-wide install');
}

const SEALED_VERSION = 'v1';

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` (base64url), with the record's key as associated data. */
export function seal(key: Buffer, plaintext: string, boundTo: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [SEALED_VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Opens what seal() made; throws for another key, another binding or any change to the text. */
export function unseal(key: Buffer, sealed: string, boundTo: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== SEALED_VERSION || !iv || !tag || ciphertext === undefined)
    throw new Error('not a sealed installation record');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(boundTo));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
    'utf8',
  );
}

function isInstallation(value: unknown): value is Installation {
  if (!value || typeof value !== 'object') return false;
  const record = value as { team?: unknown; enterprise?: unknown };
  return typeof record.team === 'object' || typeof record.enterprise === 'object';
}

/** Bolt's InstallationStore over sealed records. */
export class SealedInstallationStore implements InstallationStore {
  constructor(
    private readonly records: InstallationRecords,
    private readonly encryptionKey: Buffer,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const key = installationKey({
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall: installation.isEnterpriseInstall,
    });
    await this.records.set(key, seal(this.encryptionKey, JSON.stringify(installation), key));
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const installation = await this.find(query);
    if (!installation) throw new Error(`no installation for ${installationKey(query)}`);
    return installation;
  }

  /** The installation a query belongs to, if it is installed. */
  async find(query: InstallationQuery<boolean>): Promise<Installation | undefined> {
    const key = installationKey(query);
    const sealed = await this.records.get(key);
    if (sealed === undefined) return undefined;
    const installation: unknown = JSON.parse(unseal(this.encryptionKey, sealed, key));
    if (!isInstallation(installation))
      throw new Error(`the installation record ${key} is not an installation`);
    return installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.records.delete(installationKey(query));
  }

  prepare(): Promise<void> {
    return this.records.prepare();
  }

  /** How many workspaces (or Enterprise orgs) have installed the app. */
  count(): Promise<number> {
    return this.records.count();
  }
}

/** The file suffix of a sealed installation. */
const SEALED_SUFFIX = '.sealed';
/** A record's file name: the key with `:` (not allowed on every file system) as `--`. */
const fileName = (key: string) => `${key.replace(/[^\w-]/g, '-')}${SEALED_SUFFIX}`;

/**
 * One file per installation in a directory (created 0700 with files 0600). A write goes to a
 * temporary file renamed over the old one, so a crash never leaves half a record.
 */
export class DirectoryRecords implements InstallationRecords {
  constructor(private readonly dir: string) {}

  async prepare(): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await access(this.dir, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new InstallationDirError(
        `INSTALLATION_DIR: cannot write installations to ${this.dir} (${code}); point it at a writable directory or volume`,
      );
    }
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.dir, fileName(key)), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async set(key: string, record: string): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = join(this.dir, fileName(key));
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, record, { mode: 0o600 });
    await rename(temporary, path);
  }

  async delete(key: string): Promise<void> {
    await rm(join(this.dir, fileName(key)), { force: true });
  }

  async count(): Promise<number> {
    try {
      return (await readdir(this.dir)).filter((name) => name.endsWith(SEALED_SUFFIX)).length;
    } catch {
      return 0;
    }
  }
}

const REDIS_PREFIX = 'harness-ports:installation:';

/** INSTALLATION_DIR cannot be created or written: the start stops with this one line. */
export class InstallationDirError extends Error {
  override readonly name = 'InstallationDirError';
}

/** One Redis string per installation, no expiry, through the bot's own Redis client. */
export class RedisRecords implements InstallationRecords {
  constructor(private readonly client: Redis) {}

  /** Redis may come later (redis-store.ts): installs and requests fail until it answers. */
  async prepare(): Promise<void> {}

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(`${REDIS_PREFIX}${key}`)) ?? undefined;
  }

  async set(key: string, record: string): Promise<void> {
    await this.client.set(`${REDIS_PREFIX}${key}`, record);
  }

  async delete(key: string): Promise<void> {
    await this.client.del(`${REDIS_PREFIX}${key}`);
  }

  async count(): Promise<number> {
    let cursor = '0';
    let found = 0;
    do {
      const [next, keys] = await this.client.scan(cursor, 'MATCH', `${REDIS_PREFIX}*`, 'COUNT', 500);
      cursor = next;
      found += keys.length;
    } while (cursor !== '0');
    return found;
  }
}
