// Signed, expiring login tokens (JWT, HS256). The signing key lives in the database so that
// every Vigil node behind a load balancer accepts the same tokens and restarts keep sessions.
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Queryable } from '../db/database.js';

const ISSUER = 'vigil';

export interface TokenSigner {
  sign(userId: string): Promise<string>;
  /** The user id of a valid token, or null for a forged, altered or expired one. */
  verify(token: string): Promise<string | null>;
}

async function signingKey(db: Queryable): Promise<Uint8Array> {
  const candidate = randomBytes(32).toString('base64');
  // Insert-if-absent then read: two nodes starting at once agree on one key.
  await db.query(`INSERT INTO settings (key, value) VALUES ('token_key', $1) ON CONFLICT (key) DO NOTHING`, [candidate]);
  const [row] = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'token_key'`);
  return Buffer.from(row!.value, 'base64');
}

/** Tokens verified lately: a scanner sends the same token with every scan, and a signature check per request costs more than the rest of the authentication. */
const VERIFIED_TOKENS = 10_000;

export async function createTokenSigner(db: Queryable, ttlSeconds: number): Promise<TokenSigner> {
  const key = await signingKey(db);
  // A verified token maps to its subject until the token's own expiry, never longer.
  const verified = new LRUCache<string, string>({ max: VERIFIED_TOKENS, ttlAutopurge: false });
  return {
    sign: (userId) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
        .sign(key),
    async verify(token) {
      const known = verified.get(token);
      if (known !== undefined) return known;
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
        if (payload.sub && payload.exp) verified.set(token, payload.sub, { ttl: payload.exp * 1000 - Date.now() });
        return payload.sub ?? null;
      } catch {
        return null;
      }
    },
  };
}
