// Limits on the public endpoints (no account: check-in, declarations, personal codes, look-ups,
// push subscriptions). Two limits per route, because one address is not one person here: carrier-
// grade NAT puts a whole market's phones behind one address, so the limit per address is generous
// and only stops floods, while the limit per subject (the phone number, personal code or ID the
// request is about) is tight and stops one identity being hammered or enumerated.
// Counters live in this process (an LRU): with several nodes behind a balancer each node counts its
// own share, which only makes the limits looser by that factor.
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { rateLimited } from './errors.js';
import type { App } from './http.js';

export interface PublicLimit {
  /** groups routes that share counters, e.g. 'checkin' for check-in and check-out */
  group: string;
  /** requests per minute about one subject */
  perSubject: number;
  /** what the request is about, from its (validated) body; undefined: only the address limit applies */
  subjectOf: (request: FastifyRequest) => string | undefined;
}

/** Requests per minute from one address to the public endpoints of one group. */
export const PER_ADDRESS_PER_MINUTE = 600;
const MINUTE = 60_000;

export async function registerRateLimits(app: App) {
  await app.register(rateLimit, { global: false, cache: 50_000 });
}

/** The preHandler hook of a public route (after validation, so the subject comes from a checked body). */
export function publicLimits(app: App, limit: PublicLimit): preHandlerAsyncHookHandler {
  // keys carry the group: every limiter of the plugin shares one store
  const byAddress = app.createRateLimit({ max: PER_ADDRESS_PER_MINUTE, timeWindow: MINUTE, keyGenerator: (request) => `${limit.group}|address|${request.ip}` });
  const bySubject = app.createRateLimit({
    max: limit.perSubject,
    timeWindow: MINUTE,
    keyGenerator: (request) => `${limit.group}|subject|${limit.subjectOf(request) ?? ''}`,
    // a request without a subject falls under the address limit only
    allowList: (request) => limit.subjectOf(request) === undefined,
  });
  return async (request) => {
    for (const limiter of [byAddress, bySubject]) {
      const state = await limiter(request);
      if (!state.isAllowed && state.isExceeded) throw rateLimited(Math.max(1, state.ttlInSeconds));
    }
  };
}

/** The subject of a body that names its person by a personal code, a phone or a national ID. */
export function personSubject(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { personCode, person, nationalId, phone } = body as Record<string, unknown>;
  if (typeof personCode === 'string') return `code:${personCode}`;
  if (typeof nationalId === 'string') return `id:${nationalId}`;
  if (typeof phone === 'string') return `phone:${phone.replace(/\D/g, '').slice(-9)}`;
  return person === undefined ? undefined : personSubject(person);
}
