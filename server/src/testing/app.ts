// An HTTP app on a real test database, with small factories for users and people.
import { after, before } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { Database, EngineKind } from '../db/database.js';
import { hashPassword } from '../platform/password.js';
import type { Role } from '../platform/roles.js';
import { ensureAdmin } from '../modules/users/service.js';
import { testDatabase, type TestDatabase } from './databases.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const STAFF_PASSWORD = 'staff-password-for-tests';

export interface TestApp {
  engine: EngineKind;
  app: FastifyInstance;
  db: Database;
  /** A token for the admin (national scope). */
  adminToken: string;
  /** Creates a user with that role and unit, and returns its token. */
  tokenFor(role: Role, unitCode: string | null): Promise<string>;
  /** JSON request helper: returns status and parsed body. */
  request(method: string, url: string, options?: { token?: string; body?: unknown; contentType?: string }): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

let counter = 0;
let staffHash: Promise<string> | undefined;

export async function createTestApp(engine: EngineKind, env: Record<string, string> = {}, database?: TestDatabase): Promise<TestApp> {
  const testDb = database ?? (await testDatabase(engine));
  const config = loadConfig({ VIGIL_LOG_LEVEL: 'silent', VIGIL_WEB_DIST: '/nonexistent', ...env });
  await ensureAdmin(testDb.db, ADMIN_PASSWORD);
  const app = await buildApp(testDb.db, config);
  await app.ready();

  const request: TestApp['request'] = async (method, url, options = {}) => {
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.contentType ? { 'content-type': options.contentType } : {}) },
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });
    const text = response.body;
    return { status: response.statusCode, body: text ? JSON.parse(text) : null, headers: response.headers };
  };
  const login = async (username: string, password: string) => {
    const response = await request('POST', '/api/v1/auth/login', { body: { username, password } });
    if (response.status !== 200) throw new Error(`login of ${username} failed: ${JSON.stringify(response.body)}`);
    return response.body.token as string;
  };
  const adminToken = await login('admin', ADMIN_PASSWORD);

  return {
    engine, app, db: testDb.db, adminToken, request,
    async tokenFor(role, unitCode) {
      const username = `${role.replace(/_/g, '-')}-${unitCode ?? 'all'}-${++counter}-${process.pid}`;
      staffHash ??= hashPassword(STAFF_PASSWORD);
      await testDb.db.query('INSERT INTO users (username, password_hash, role, unit_code) VALUES ($1, $2, $3, $4)', [username, await staffHash, role, unitCode]);
      return login(username, STAFF_PASSWORD);
    },
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}

/**
 * Declares a suite once per engine: `forEachEngine('people', (t) => { test(...) })`.
 * t() gives the suite's app, created before its tests and closed after them.
 */
export function withTestApp(engine: EngineKind, env?: Record<string, string>): () => TestApp {
  let current: TestApp | undefined;
  before(async () => {
    current = await createTestApp(engine, env);
  });
  after(async () => {
    await current?.close();
  });
  return () => {
    if (!current) throw new Error('the test app is not ready');
    return current;
  };
}
