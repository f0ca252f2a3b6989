// Signed QR codes: a venue's poster code, a citizen's personal code and a health declaration's code.
// A code is base64url(kind byte, record id, [version], MAC). It carries no readable personal data,
// and without the province's key it cannot be forged or altered. Codes stay short (≤ 44 characters)
// so that the QR stays coarse enough for cheap phone cameras and paper printing.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../db/database.js';

export type CodeKind = 'venue' | 'person' | 'declaration';

const KIND_BYTE: Record<CodeKind, number> = { venue: 0x56, person: 0x50, declaration: 0x44 };
const MAC_BYTES = 12;
const UUID_BYTES = 16;

export interface DecodedCode {
  kind: CodeKind;
  id: string;
  /** Venue codes only: raising the venue's code version revokes older posters. */
  version: number;
}

export interface CodeSigner {
  sign(kind: CodeKind, id: string, version?: number): string;
  /** The code's contents when its MAC is right, or null for a forged, altered or malformed code. */
  verify(code: string, kind: CodeKind): DecodedCode | null;
}

const uuidToBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const bytesToUuid = (bytes: Buffer) => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export function createCodeSigner(key: Buffer): CodeSigner {
  const mac = (body: Buffer) => createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);
  const bodyOf = (kind: CodeKind, id: string, version: number) => {
    const body = Buffer.alloc(1 + UUID_BYTES + (kind === 'venue' ? 4 : 0));
    body[0] = KIND_BYTE[kind];
    uuidToBytes(id).copy(body, 1);
    if (kind === 'venue') body.writeUInt32BE(version, 1 + UUID_BYTES);
    return body;
  };
  return {
    sign(kind, id, version = 1) {
      const body = bodyOf(kind, id, version);
      return Buffer.concat([body, mac(body)]).toString('base64url');
    },
    verify(code, kind) {
      if (!/^[A-Za-z0-9_-]{20,64}$/.test(code)) return null;
      const bytes = Buffer.from(code, 'base64url');
      const bodyLength = 1 + UUID_BYTES + (kind === 'venue' ? 4 : 0);
      if (bytes.length !== bodyLength + MAC_BYTES || bytes[0] !== KIND_BYTE[kind]) return null;
      const body = bytes.subarray(0, bodyLength);
      if (!timingSafeEqual(mac(body), bytes.subarray(bodyLength))) return null;
      const id = bytesToUuid(body.subarray(1, 1 + UUID_BYTES));
      return { kind, id, version: kind === 'venue' ? body.readUInt32BE(1 + UUID_BYTES) : 1 };
    },
  };
}

// One key per database, shared by every node (like the login token key), read once per process.
const signers = new WeakMap<object, Promise<CodeSigner>>();

export function codeSigner(db: Queryable): Promise<CodeSigner> {
  let signer = signers.get(db);
  if (!signer) {
    signer = (async () => {
      await db.query(`INSERT INTO settings (key, value) VALUES ('qr_code_key', $1) ON CONFLICT (key) DO NOTHING`, [randomBytes(32).toString('base64')]);
      const [row] = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'qr_code_key'`);
      return createCodeSigner(Buffer.from(row!.value, 'base64'));
    })();
    signers.set(db, signer);
    signer.catch(() => signers.delete(db));
  }
  return signer;
}
