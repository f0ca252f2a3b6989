// Idempotency-Key for every authenticated write: a client that did not hear the answer
// (a phone losing its connection) sends the same request again with the same key and gets
// the first answer back, instead of creating a second record.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import { conflict, invalidField, unprocessable } from './errors.js';
import type { App } from './http.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEEP_HOURS = 24;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey?: string;
  }
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
}

export function registerIdempotency(app: App, db: Database) {
  // preHandler: after authentication and validation, before the route's work.
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers['idempotency-key'];
    if (header === undefined || !WRITES.has(request.method) || !request.actor) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || key.length > 200) throw invalidField('Idempotency-Key', 'must be 1 to 200 characters');
    const hash = requestHash(request);
    const claimed = await db.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
      [request.actor.userId, key, hash],
    );
    if (claimed.length > 0) {
      request.idempotencyKey = key;
      return;
    }
    const [stored] = await db.query<{ request_hash: string; status: number | null; response: string | null; content_type: string | null }>(
      'SELECT request_hash, status, response, content_type FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [request.actor.userId, key],
    );
    if (!stored) return; // expired between the two statements: handle as new
    if (stored.request_hash !== hash) throw unprocessable('this Idempotency-Key was already used for a different request');
    if (stored.status === null) throw conflict('a request with this Idempotency-Key is still being handled; retry shortly');
    reply.header('idempotent-replayed', 'true');
    if (stored.content_type) reply.header('content-type', stored.content_type);
    return reply.status(stored.status).send(stored.response ?? undefined);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (!key || !request.actor) return payload;
    if (reply.statusCode >= 500) {
      // Nothing was done for sure: let the retry run again.
      await db.query('DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2', [request.actor.userId, key]);
    } else {
      await db.query(
        `UPDATE idempotency_keys SET status = $3, response = $4, content_type = $5 WHERE user_id = $1 AND key = $2`,
        [request.actor.userId, key, reply.statusCode, typeof payload === 'string' ? payload : null, String(reply.getHeader('content-type') ?? '') || null],
      );
      await db.query(`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`, [KEEP_HOURS]);
    }
    return payload;
  });
}
