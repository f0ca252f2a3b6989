// SQL of signing keys and issued certificates.
import type { Queryable } from '../../db/database.js';
import type { Protection } from './envelope.js';

export interface SigningKeyRow {
  id: string;
  kid: string;
  certificate: Uint8Array;
  privateKey: Uint8Array;
  protection: Protection;
  notBefore: Date;
  notAfter: Date;
  signUntil: Date;
  active: boolean;
  createdAt: Date;
  retiredAt: Date | null;
}

const COLUMNS = `id, kid, certificate, private_key AS "privateKey", private_key_protection AS protection, not_before AS "notBefore",
  not_after AS "notAfter", sign_until AS "signUntil", active, created_at AS "createdAt", retired_at AS "retiredAt"`;

// pg gives bytea as a Buffer, PGlite as a Uint8Array: the same bytes either way
const rowOf = (row: SigningKeyRow): SigningKeyRow => ({ ...row, certificate: new Uint8Array(row.certificate), privateKey: new Uint8Array(row.privateKey) });

/** Serialises key changes across nodes for the rest of the transaction (two nodes never both rotate). */
export async function lockSigningKeys(tx: Queryable): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('vigil.signing_keys'))`);
}

export async function activeKey(q: Queryable): Promise<SigningKeyRow | null> {
  const [row] = await q.query<SigningKeyRow>(`SELECT ${COLUMNS} FROM signing_keys WHERE active`);
  return row ? rowOf(row) : null;
}

/** Ends the active key's signing (it stays trusted until its certificate expires); its kid, or null. */
export async function retireActiveKey(tx: Queryable): Promise<string | null> {
  const [row] = await tx.query<{ kid: string }>(`UPDATE signing_keys SET active = false, retired_at = now() WHERE active RETURNING kid`);
  return row?.kid ?? null;
}

export async function insertActiveKey(tx: Queryable, key: Omit<SigningKeyRow, 'id' | 'active' | 'createdAt' | 'retiredAt'>, createdBy: string): Promise<SigningKeyRow> {
  const [row] = await tx.query<SigningKeyRow>(
    `INSERT INTO signing_keys (kid, certificate, private_key, private_key_protection, not_before, not_after, sign_until, active, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8) RETURNING ${COLUMNS}`,
    [key.kid, Buffer.from(key.certificate), Buffer.from(key.privateKey), key.protection, key.notBefore, key.notAfter, key.signUntil, createdBy],
  );
  return rowOf(row!);
}

/** Every key, newest first (administrators' list). */
export async function allKeys(q: Queryable): Promise<SigningKeyRow[]> {
  return (await q.query<SigningKeyRow>(`SELECT ${COLUMNS} FROM signing_keys ORDER BY created_at DESC, kid`)).map(rowOf);
}

/** Keys whose certificate has not expired at `at`, oldest first: the public trust list. */
export async function unexpiredKeys(q: Queryable, at: Date): Promise<Pick<SigningKeyRow, 'kid' | 'certificate'>[]> {
  const rows = await q.query<{ kid: string; certificate: Uint8Array }>(`SELECT kid, certificate FROM signing_keys WHERE not_after > $1 ORDER BY created_at, kid`, [at]);
  return rows.map((row) => ({ kid: row.kid, certificate: new Uint8Array(row.certificate) }));
}

export async function recordIssued(q: Queryable, certificate: { uvci: string; kind: 'v' | 't' | 'r'; kid: string; issuedAt: Date; expiresAt: Date }): Promise<void> {
  await q.query(
    'INSERT INTO issued_certificates (uvci, kind, kid, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [certificate.uvci, certificate.kind, certificate.kid, certificate.issuedAt, certificate.expiresAt],
  );
}

export async function issuedCount(q: Queryable): Promise<Map<string, number>> {
  const rows = await q.query<{ kid: string; count: number }>('SELECT kid, count(*)::int AS count FROM issued_certificates GROUP BY kid');
  return new Map(rows.map((row) => [row.kid, row.count]));
}
