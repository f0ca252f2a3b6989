// Private signing keys at rest. With VIGIL_SIGNING_KEY_SECRET set, a key is sealed with AES-256-GCM
// under a key derived from the secret (HKDF-SHA256, a random salt per key) and bound to its kid,
// so a copy of the database (a backup, a replica) cannot sign without the secret. Without the
// secret a key is stored as it is, like the login token key.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export type Protection = 'none' | 'aes-256-gcm';

const INFO = 'vigil dcc signing key v1';
const [SALT, IV, TAG] = [16, 12, 16];

function wrappingKey(secret: string, salt: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, salt, INFO, 32));
}

/** The stored form of a private key (PKCS#8 DER) and how it is protected. */
export function seal(pkcs8: Uint8Array, kid: string, secret: string | null): { stored: Buffer; protection: Protection } {
  if (secret === null) return { stored: Buffer.from(pkcs8), protection: 'none' };
  const salt = randomBytes(SALT);
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(secret, salt), iv).setAAD(Buffer.from(kid));
  const sealed = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  return { stored: Buffer.concat([salt, iv, cipher.getAuthTag(), sealed]), protection: 'aes-256-gcm' };
}

/** The PKCS#8 DER of a stored key; throws a message an operator can act on when it cannot be opened. */
export function open(stored: Uint8Array, protection: Protection, kid: string, secret: string | null): Buffer {
  const bytes = Buffer.from(stored);
  if (protection === 'none') return bytes;
  if (secret === null) throw new Error(`signing key ${kid} is encrypted: set VIGIL_SIGNING_KEY_SECRET to the secret it was stored with`);
  const salt = bytes.subarray(0, SALT);
  const iv = bytes.subarray(SALT, SALT + IV);
  const tag = bytes.subarray(SALT + IV, SALT + IV + TAG);
  const decipher = createDecipheriv('aes-256-gcm', wrappingKey(secret, salt), iv).setAAD(Buffer.from(kid)).setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(bytes.subarray(SALT + IV + TAG)), decipher.final()]);
  } catch {
    throw new Error(`signing key ${kid} cannot be opened with this VIGIL_SIGNING_KEY_SECRET (it was stored with another)`);
  }
}
