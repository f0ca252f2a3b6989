// Every setting Vigil reads, typed and validated once at boot. The README documents each key.
import path from 'node:path';
import { ConfigError, integerSetting as integer } from './configError.js';
import { type CertificateConfig, loadCertificateConfig } from './modules/certificates/config.js';
import { loadNotificationConfig, type NotificationConfig } from './modules/notifications/config.js';
import { loadTestingConfig, type TestingConfig } from './modules/testing/config.js';

export interface Config {
  /** TCP port of the HTTP server. */
  port: number;
  /** Interface to bind; 0.0.0.0 serves the network, 127.0.0.1 only this machine. */
  host: string;
  /** postgres://… selects PostgreSQL; unset selects the embedded PGlite database in dataDir. */
  databaseUrl: string | undefined;
  /** Folder of the embedded database and uploaded files. */
  dataDir: string;
  /** Password for the `admin` user created on first start; a random one is printed when unset. */
  adminPassword: string | undefined;
  /** Seed the demo province on first start (VIGIL_DEMO=1). */
  demo: boolean;
  /** How long a login token stays valid, in seconds. */
  tokenTtlSeconds: number;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** Failed logins per user name in the window before further attempts answer 429. */
  loginMaxFailures: number;
  loginWindowSeconds: number;
  /** Trust X-Forwarded-For from a reverse proxy for client addresses (login throttling, audit). */
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Folder of the built web app; served at `/` when it exists. */
  webDistDir: string;
  /** The address citizens reach Vigil at: venue QR codes encode URLs under it. */
  publicUrl: string;
  /** Check-ins and health declarations older than this many days are deleted. */
  presenceRetentionDays: number;
  /** Server processes sharing the port (Node's cluster); more than one needs PostgreSQL. */
  workers: number;
  /**
   * [west, south, east, north] in degrees: the province's area while none of its units has an imported
   * boundary (positions outside it are refused; the public map opens on it). Hậu Giang's by default.
   */
  provinceBbox: Bbox;
  /** Channels and worker of the notification outbox (keys in `modules/notifications/config.ts`). */
  notifications: NotificationConfig;
  /** Pool-size limits of testing (keys in `modules/testing/config.ts`). */
  testing: TestingConfig;
  /** Signing keys and issuer of verifiable certificates (keys in `modules/certificates/config.ts`). */
  certificates: CertificateConfig;
}

/** [minLon, minLat, maxLon, maxLat], WGS84 degrees. */
export type Bbox = readonly [number, number, number, number];

/** Hậu Giang's bounding box (VIGIL_PROVINCE_BBOX when it is not set). */
export const DEFAULT_PROVINCE_BBOX: Bbox = [105.2, 9.5, 106.1, 10.1];

export { ConfigError };

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;


function flag(env: NodeJS.ProcessEnv, key: string): boolean {
  const raw = (env[key] ?? '').toLowerCase();
  if (['', '0', 'false', 'no'].includes(raw)) return false;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  throw new ConfigError(`${key} must be 1 or 0, got "${env[key]}"`);
}

function publicUrlOf(env: NodeJS.ProcessEnv): string {
  const raw = env.VIGIL_PUBLIC_URL || `http://localhost:${env.PORT || 8080}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`VIGIL_PUBLIC_URL must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('VIGIL_PUBLIC_URL must start with http:// or https://');
  return url.href.replace(/\/$/, '');
}

/** VIGIL_PROVINCE_BBOX=west,south,east,north (degrees), e.g. 105.2,9.5,106.1,10.1. */
function bboxOf(env: NodeJS.ProcessEnv, key: string, fallback: Bbox): Bbox {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  const parts = raw.split(',').map((part) => part.trim());
  const numbers = parts.map(Number);
  const [west = NaN, south = NaN, east = NaN, north = NaN] = numbers;
  const problem =
    parts.length !== 4 || parts.some((part) => part === '') || numbers.some((n) => !Number.isFinite(n)) ? 'four numbers separated by commas: west,south,east,north'
      : [west, east].some((lon) => lon < -180 || lon > 180) ? 'longitudes (west, east) from -180 to 180'
        : [south, north].some((lat) => lat < -85 || lat > 85) ? 'latitudes (south, north) from -85 to 85'
          : west >= east || south >= north ? 'west less than east and south less than north'
            : null;
  if (problem) throw new ConfigError(`${key} must be ${problem}, got "${raw}"`);
  return [west, south, east, north];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const logLevel = (env.VIGIL_LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`VIGIL_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const adminPassword = env.VIGIL_ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 8) {
    throw new ConfigError('VIGIL_ADMIN_PASSWORD must be at least 8 characters');
  }
  const workers = integer(env, 'VIGIL_WORKERS', 1, 1, 64);
  if (workers > 1 && !databaseUrl) {
    throw new ConfigError('VIGIL_WORKERS above 1 needs DATABASE_URL: the embedded database belongs to one process');
  }
  return {
    port: integer(env, 'PORT', 8080, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    adminPassword,
    demo: flag(env, 'VIGIL_DEMO'),
    tokenTtlSeconds: integer(env, 'VIGIL_TOKEN_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    bodyLimitBytes: integer(env, 'VIGIL_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    loginMaxFailures: integer(env, 'VIGIL_LOGIN_MAX_FAILURES', 5, 1, 1000),
    loginWindowSeconds: integer(env, 'VIGIL_LOGIN_WINDOW_SECONDS', 15 * 60, 1, 24 * 3600),
    trustProxy: flag(env, 'VIGIL_TRUST_PROXY'),
    logLevel,
    webDistDir: path.resolve(env.VIGIL_WEB_DIST || new URL('../../web/dist', import.meta.url).pathname),
    publicUrl: publicUrlOf(env),
    presenceRetentionDays: integer(env, 'VIGIL_PRESENCE_RETENTION_DAYS', 21, 1, 3650),
    workers,
    provinceBbox: bboxOf(env, 'VIGIL_PROVINCE_BBOX', DEFAULT_PROVINCE_BBOX),
    notifications: loadNotificationConfig(env),
    testing: loadTestingConfig(env),
    certificates: loadCertificateConfig(env),
  };
}
