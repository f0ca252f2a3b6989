// Signing keys and issuing, over HTTP and through the service, on both engines: the trust list
// verifies what the server issued, rotation keeps earlier certificates valid, keys rotate when their
// signing period ends, private keys are sealed at rest with VIGIL_SIGNING_KEY_SECRET.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { type CertificateConfig, loadCertificateConfig } from './config.js';
import { loadTrustList } from './hcert/trust.js';
import { verifyHc1 } from './hcert/verify.js';
import { issueHcert, negativeTestEntry } from './issue.js';
import { rotateSigningKey } from './keys.js';
import { activeKey } from './keys.repository.js';
import { TRUST_LIST_PATH } from './routes.js';
import { DAY } from './signing.testkit.js';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const holder = { familyName: 'Nguyễn', givenName: 'Thị Đào', dob: '1985-04-12' };
const negativePcr = (sampledAt = new Date()) => ({ t: [negativeTestEntry({ method: 'rt_pcr', sampledAt: new Date(sampledAt.getTime() - 3_600_000), centre: 'CDC Hậu Giang' })] });

for (const engine of engines()) {
  describe(`certificate signing keys (${engine})`, () => {
    const t = withTestApp(engine);
    const config: CertificateConfig = loadCertificateConfig({});
    const trusted = async () => {
      const response = await t().request('GET', TRUST_LIST_PATH);
      assert.equal(response.status, 200);
      return loadTrustList(response.body);
    };

    test('the key routes need a sign-in (401) and an administrator (403)', async () => {
      assert.equal((await t().request('GET', '/api/v1/certificates/keys')).status, 401);
      const officer = await t().tokenFor('health_officer', null);
      assert.equal((await t().request('GET', '/api/v1/certificates/keys', { token: officer })).status, 403);
      assert.equal((await t().request('POST', '/api/v1/certificates/keys/rotate', { token: officer })).status, 403);
    });

    test('a certificate the server issued verifies against its public trust list', async () => {
      const issued = await issueHcert(t().db, config, { holder, entries: negativePcr(), validFor: { hours: 72 } });
      assert.match(issued.hc1, /^HC1:[0-9A-Z $%*+\-./:]+$/);
      assert.match(issued.uvci, /^URN:UVCI:01:VN:93\/[A-Z2-7]{26}$/);
      assert.equal(new Date(issued.expiresAt).getTime() - new Date(issued.issuedAt).getTime(), 72 * 3_600_000);

      const response = await t().request('GET', TRUST_LIST_PATH);
      assert.equal(response.headers['cache-control'], 'public, max-age=3600');
      assert.ok(response.body.some((entry: { kid: string }) => entry.kid === issued.kid));
      const result = await verifyHc1(issued.hc1, await trusted());
      assert.equal(result.valid, true, result.detail ?? '');
      assert.deepEqual(result.payload, issued.payload);
      assert.equal(result.payload.nam.gnt, 'THI<DAO');
      assert.equal(result.payload.t![0]!.tr, '260415000');
      assert.equal(result.payload.t![0]!.ci, issued.uvci);
      assert.match(result.signer!.subject, /O=Sở Y tế tỉnh Hậu Giang/);

      const [row] = await t().db.query<{ kind: string; kid: string }>('SELECT kind, kid FROM issued_certificates WHERE uvci = $1', [issued.uvci]);
      assert.deepEqual(row, { kind: 't', kid: issued.kid });
    });

    test('rotation: a new key signs, and what the earlier key signed still verifies', async () => {
      const before = await issueHcert(t().db, config, { holder, entries: negativePcr(), validFor: { days: 3 } });
      const rotated = await t().request('POST', '/api/v1/certificates/keys/rotate', { token: t().adminToken });
      assert.equal(rotated.status, 201);
      assert.equal(rotated.body.active, true);
      assert.notEqual(rotated.body.kid, before.kid);
      assert.equal(rotated.body.protection, 'none');
      const after = await issueHcert(t().db, config, { holder, entries: negativePcr(), validFor: { days: 3 } });
      assert.equal(after.kid, rotated.body.kid);

      const trust = await trusted();
      assert.equal((await verifyHc1(before.hc1, trust)).valid, true);
      assert.equal((await verifyHc1(after.hc1, trust)).valid, true);

      const list = await t().request('GET', '/api/v1/certificates/keys', { token: t().adminToken });
      assert.equal(list.status, 200);
      const old = list.body.items.find((key: { kid: string }) => key.kid === before.kid);
      assert.deepEqual([old.active, old.trusted, typeof old.retiredAt], [false, true, 'string']);
      assert.equal(list.body.items.filter((key: { active: boolean }) => key.active).length, 1);
      assert.ok(!('privateKey' in old));
      const audits = await t().db.query<{ actor_username: string }>(`SELECT actor_username FROM audit_log WHERE entity = 'signing_key' AND entity_id = $1 AND action = 'rotate'`, [rotated.body.kid]);
      assert.deepEqual(audits.map((a) => a.actor_username), ['admin']);
    });

    test('checked at a time after its expiry, a certificate is expired; before it, valid', async () => {
      const issued = await issueHcert(t().db, config, { holder, entries: negativePcr(), validFor: { hours: 72 } });
      const trust = await trusted();
      const late = await verifyHc1(issued.hc1, trust, { at: new Date(new Date(issued.expiresAt).getTime() + 1000) });
      assert.deepEqual([late.valid, late.reason, late.expired], [false, 'expired', true]);
      assert.equal((await verifyHc1(issued.hc1, trust, { at: new Date(new Date(issued.issuedAt).getTime() + DAY) })).valid, true);
    });

    test('when the active key\'s signing period has ended, the next issue makes a new key (audited as the system)', async () => {
      const current = (await activeKey(t().db))!;
      const later = new Date(current.signUntil.getTime() + DAY);
      const issued = await issueHcert(t().db, config, { holder, entries: negativePcr(later), validFor: { days: 1 }, issuedAt: later });
      assert.notEqual(issued.kid, current.kid);
      const [audit] = await t().db.query<{ actor_username: string; detail: { retired: string } }>(`SELECT actor_username, detail FROM audit_log WHERE entity = 'signing_key' AND entity_id = $1`, [issued.kid]);
      assert.equal(audit!.actor_username, 'system');
      assert.equal(audit!.detail.retired, current.kid);
      // the new key is valid from now: make it signing now, for the tests after this one
      await t().request('POST', '/api/v1/certificates/keys/rotate', { token: t().adminToken });
    });

    test('a certificate never outlives the certificate of its key', async () => {
      const key = (await activeKey(t().db))!;
      const late = new Date(key.signUntil.getTime() - 1000);
      const issued = await issueHcert(t().db, { ...config, certificateMaxDays: 3650 }, { holder, entries: negativePcr(late), validFor: { days: 3000 }, issuedAt: late });
      assert.equal(issued.expiresAt, key.notAfter.toISOString().replace(/\.\d{3}Z$/, '.000Z'));
    });

    test('bad input is refused with the field named', async () => {
      const refused = async (input: Parameters<typeof issueHcert>[2]) => {
        const error = await issueHcert(t().db, config, input).then(() => null, (e: unknown) => e);
        assert.ok(error instanceof AppError && error.code === 'validation_failed', String(error));
        return Object.keys(error.fields ?? {});
      };
      assert.deepEqual(await refused({ holder: { ...holder, dob: '12/04/1985' }, entries: negativePcr(), validFor: { days: 1 } }), ['holder.dob']);
      assert.deepEqual(await refused({ holder, entries: { t: [...negativePcr().t, ...negativePcr().t] }, validFor: { days: 1 } }), ['entries']);
      assert.deepEqual(await refused({ holder, entries: {}, validFor: { days: 1 } }), ['entries']);
      assert.deepEqual(await refused({ holder, entries: negativePcr(), validFor: { days: 400 } }), ['validFor']);
      assert.deepEqual(await refused({ holder: { ...holder, familyName: '😀' }, entries: negativePcr(), validFor: { days: 1 } }), ['holder.familyName']);
      assert.deepEqual(await refused({ holder, entries: { t: [{ ...negativePcr().t[0]!, sc: 'yesterday' }] }, validFor: { days: 1 } }), ['entries.t[0].sc']);
    });

    test('with VIGIL_SIGNING_KEY_SECRET the private key is sealed at rest and cannot sign without it', async () => {
      const sealed = { ...config, signingKeySecret: SECRET };
      // the test app runs without the secret: rotate through the service with it
      const key = await rotateSigningKey(t().db, sealed, SYSTEM_ACTOR);
      assert.equal(key.protection, 'aes-256-gcm');
      const row = (await activeKey(t().db))!;
      assert.equal(row.kid, key.kid);
      assert.ok(!Buffer.from(row.privateKey).includes(Buffer.from([0x02, 0x01, 0x00, 0x30, 0x13])), 'the stored bytes are not PKCS#8');

      const issued = await issueHcert(t().db, sealed, { holder, entries: negativePcr(), validFor: { days: 1 } });
      assert.equal((await verifyHc1(issued.hc1, await trusted())).valid, true);
      await assert.rejects(issueHcert(t().db, config, { holder, entries: negativePcr(), validFor: { days: 1 } }), /is encrypted: set VIGIL_SIGNING_KEY_SECRET/);
      await assert.rejects(issueHcert(t().db, { ...config, signingKeySecret: `${SECRET}-other` }, { holder, entries: negativePcr(), validFor: { days: 1 } }), /cannot be opened with this VIGIL_SIGNING_KEY_SECRET/);
    });

    test('the trust list leaves out keys whose certificate has expired', async () => {
      const before = (await trusted()).length;
      await t().db.query(`UPDATE signing_keys SET not_before = now() - interval '30 days', not_after = now() - interval '1 day', sign_until = now() - interval '2 days' WHERE NOT active`);
      const after = await trusted();
      assert.ok(after.length < before);
      assert.deepEqual(after.map((key) => key.kid), [(await activeKey(t().db))!.kid]);
    });
  });
}
