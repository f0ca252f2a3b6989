// Signing keys: made by the server, one active at a time, rotated by an administrator or when the
// active key's signing period ends, published as a DCC trust list. Private keys never leave this
// module: issuing gets a signing function, never the key.
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission, SYSTEM_ACTOR } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import type { CertificateConfig } from './config.js';
import { selfSignedDsc } from './selfSigned.js';
import { open, seal } from './envelope.js';
import { toBase64 } from './hcert/bytes.js';
import { kidOfCertificate, readSignerCertificate } from './hcert/dsc.js';
import type { TrustListEntry } from './hcert/trust.js';
import { activeKey, allKeys, insertActiveKey, issuedCount, lockSigningKeys, retireActiveKey, type SigningKeyRow, unexpiredKeys } from './keys.repository.js';
import { CERTIFICATE_KEYS } from './permissions.js';

const DAY = 24 * 60 * 60 * 1000;

/** What issuing needs from the active key: its id, how long its certificate lasts, and a signer. */
export interface ActiveSigner {
  kid: string;
  notAfter: Date;
  /** ES256 over `data`: the raw r‖s signature COSE wants */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** Makes a key pair and its DSC, stores it as the active key (the previous one retires); in the caller's transaction, under the lock. */
async function createActiveKey(tx: Queryable, config: CertificateConfig, actor: Actor, now: Date): Promise<SigningKeyRow> {
  const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // a minute's grace before now: a verifier whose clock is slightly behind still accepts the DSC
  const notBefore = new Date(now.getTime() - 60_000);
  const signUntil = new Date(now.getTime() + config.signingKeyDays * DAY);
  const notAfter = new Date(signUntil.getTime() + config.certificateMaxDays * DAY);
  const subject = { commonName: `Vigil DSC ${config.country} ${now.toISOString().slice(0, 10)}`, organisation: config.issuer, country: config.country };
  const certificate = selfSignedDsc(keys, subject, { notBefore, notAfter });
  const kid = toBase64(await kidOfCertificate(certificate));
  const { stored, protection } = seal(keys.privateKey.export({ type: 'pkcs8', format: 'der' }), kid, config.signingKeySecret);
  const retired = await retireActiveKey(tx);
  const row = await insertActiveKey(tx, { kid, certificate, privateKey: stored, protection, notBefore, notAfter, signUntil }, actor.userId);
  await audit(tx, actor, { action: 'rotate', entity: 'signing_key', entityId: kid, detail: { retired, notAfter: notAfter.toISOString(), signUntil: signUntil.toISOString(), protection } });
  return row;
}

function signerOf(row: SigningKeyRow, config: CertificateConfig): ActiveSigner {
  const privateKey = createPrivateKey({ key: open(row.privateKey, row.protection, row.kid, config.signingKeySecret), format: 'der', type: 'pkcs8' });
  return {
    kid: row.kid,
    notAfter: row.notAfter,
    sign: (data) => Promise.resolve(new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }))),
  };
}

/**
 * The key to sign with now: the active one, or a new one when there is none yet or its signing period
 * has ended (made once, under the lock, audited as the system). Runs in `q` when it is a transaction.
 */
export async function activeSigner(q: Database | Queryable, config: CertificateConfig, now = new Date()): Promise<ActiveSigner> {
  const current = await activeKey(q);
  if (current && current.signUntil > now) return signerOf(current, config);
  const rotate = async (tx: Queryable) => {
    await lockSigningKeys(tx);
    // another node may have rotated while this one waited for the lock
    const fresh = await activeKey(tx);
    return fresh && fresh.signUntil > now ? fresh : createActiveKey(tx, config, SYSTEM_ACTOR, now);
  };
  const row = 'transaction' in q ? await q.transaction(rotate) : await rotate(q);
  return signerOf(row, config);
}

export interface SigningKeyInfo {
  kid: string;
  subject: string;
  notBefore: string;
  notAfter: string;
  signUntil: string;
  active: boolean;
  createdAt: string;
  retiredAt: string | null;
  /** whether the private key is sealed with VIGIL_SIGNING_KEY_SECRET */
  protection: 'none' | 'aes-256-gcm';
  /** published in the trust list (its certificate has not expired) */
  trusted: boolean;
  issued: number;
  /** base64 DER */
  certificate: string;
}

async function present(row: SigningKeyRow, issued: number, now: Date): Promise<SigningKeyInfo> {
  return {
    kid: row.kid,
    subject: (await readSignerCertificate(row.certificate)).subject,
    notBefore: row.notBefore.toISOString(),
    notAfter: row.notAfter.toISOString(),
    signUntil: row.signUntil.toISOString(),
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    retiredAt: row.retiredAt?.toISOString() ?? null,
    protection: row.protection,
    trusted: row.notAfter > now,
    issued,
    certificate: toBase64(row.certificate),
  };
}

/** An administrator makes a new key active now; the previous one keeps verifying what it signed. */
export async function rotateSigningKey(db: Database, config: CertificateConfig, actor: Actor, now = new Date()): Promise<SigningKeyInfo> {
  requirePermission(actor, CERTIFICATE_KEYS);
  const row = await db.transaction(async (tx) => {
    await lockSigningKeys(tx);
    return createActiveKey(tx, config, actor, now);
  });
  return present(row, 0, now);
}

export async function listSigningKeys(db: Queryable, actor: Actor, now = new Date()): Promise<SigningKeyInfo[]> {
  requirePermission(actor, CERTIFICATE_KEYS);
  const [rows, counts] = await Promise.all([allKeys(db), issuedCount(db)]);
  return Promise.all(rows.map((row) => present(row, counts.get(row.kid) ?? 0, now)));
}

/** ⚑ The public trust list: `[{kid, certificate}]` of every key whose certificate has not expired. */
export async function trustList(db: Queryable, now = new Date()): Promise<TrustListEntry[]> {
  return (await unexpiredKeys(db, now)).map((row) => ({ kid: row.kid, certificate: toBase64(row.certificate) }));
}

