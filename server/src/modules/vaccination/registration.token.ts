// The manage token of a registration: what a citizen's phone keeps to see, book and cancel. It is
// base64url(kind byte, registration id, MAC): no readable personal data, and it cannot be forged or
// altered without the key. The key is this module's own, so a token of another kind never passes.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../db/database.js';

const KIND = 0x52; // 'R'
const MAC_BYTES = 16;

export interface ManageTokens {
  sign(registrationId: string): string;
  /** The registration id of a genuine token, or null. */
  verify(token: string): string | null;
}

function createManageTokens(key: Buffer): ManageTokens {
  const mac = (body: Buffer) => createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);
  return {
    sign(registrationId) {
      const body = Buffer.concat([Buffer.from([KIND]), Buffer.from(registrationId.replace(/-/g, ''), 'hex')]);
      return Buffer.concat([body, mac(body)]).toString('base64url');
    },
    verify(token) {
      if (!/^[A-Za-z0-9_-]{40,48}$/.test(token)) return null;
      const bytes = Buffer.from(token, 'base64url');
      if (bytes.length !== 17 + MAC_BYTES || bytes[0] !== KIND) return null;
      const body = bytes.subarray(0, 17);
      if (!timingSafeEqual(mac(body), bytes.subarray(17))) return null;
      const hex = body.subarray(1).toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}

// One key per database, shared by every node, read once per process.
const cache = new WeakMap<object, Promise<ManageTokens>>();

export function manageTokens(db: Queryable): Promise<ManageTokens> {
  let tokens = cache.get(db);
  if (!tokens) {
    tokens = (async () => {
      await db.query(`INSERT INTO settings (key, value) VALUES ('vaccination_manage_key', $1) ON CONFLICT (key) DO NOTHING`, [randomBytes(32).toString('base64')]);
      const [row] = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'vaccination_manage_key'`);
      return createManageTokens(Buffer.from(row!.value, 'base64'));
    })();
    cache.set(db, tokens);
    tokens.catch(() => cache.delete(db));
  }
  return tokens;
}
