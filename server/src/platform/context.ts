import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Actor } from './actor.js';
import { coalescedLoader } from './coalesce.js';
import { unauthorized } from './errors.js';
import type { EventBus } from './events.js';
import type { TokenSigner } from './tokens.js';
import { isRole } from './roles.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** What every module's routes are given: no hidden globals. */
export interface AppContext {
  db: Database;
  config: Config;
  tokens: TokenSigner;
  version: string;
  /** Live events of this node (GET /api/v1/events streams them). */
  events: EventBus;
  /** onRequest hook: resolves the bearer token to request.actor, or answers 401. */
  authenticate: (request: FastifyRequest) => Promise<void>;
}

interface UserRow { id: string; username: string; role: string; unit_code: string | null; disabled: boolean }

export function makeAuthenticate(db: Database, tokens: TokenSigner) {
  // Requests that arrive together (a scanner syncing, many scanners of one site) share one query.
  const users = coalescedLoader<string, UserRow | null>(async (ids) => new Map((await db.query<UserRow>(
    'SELECT id, username, role, unit_code, disabled FROM users WHERE id = ANY ($1::uuid[])',
    [[...new Set(ids)]],
  )).map((row) => [row.id, row])), null);
  return async function authenticate(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    if (!header || !/^Bearer \S+$/i.test(header)) throw unauthorized('sign in first: send Authorization: Bearer <token>');
    const userId = await tokens.verify(header.slice(7).trim());
    if (!userId) throw unauthorized('the token is invalid or has expired; sign in again');
    const user = await users.load(userId);
    if (!user || user.disabled || !isRole(user.role)) throw unauthorized('this account is disabled');
    request.actor = { userId: user.id, username: user.username, role: user.role, unitCode: user.unit_code, requestId: request.id };
  };
}

/** The actor of an authenticated route (its onRequest hook ran authenticate). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}
