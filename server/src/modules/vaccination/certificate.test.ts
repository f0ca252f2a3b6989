// Vaccination certificates over HTTP on both engines: issued from the dose history, verified with
// the certificates module's verifier against the published trust list; tampering, expiry, wrong
// identity proof, scope and the audit row.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { zlibSync } from 'fflate';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { codeSigner } from '../checkins/codes.js';
import { base45Encode } from '../certificates/hcert/base45.js';
import { decodeBase45Text, decompress, HC1_PREFIX, unprefix } from '../certificates/hcert/chain.js';
import type { Dcc } from '../certificates/hcert/dcc.js';
import { loadTrustList } from '../certificates/hcert/trust.js';
import { verifyHc1 } from '../certificates/hcert/verify.js';
import { buildDose, createPerson, daysAgo, OTHER_COMMUNE, postDose, siteWithStock } from './vaccination.testkit.js';

const DAY_MS = 86_400_000;
const dateInVietnam = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);

/** The same certificate with one byte of its signed content changed (the signature left as it was). */
function tamper(hc1: string, from: string, to: string): string {
  const cose = decompress(decodeBase45Text(unprefix(hc1))).slice();
  const at = Buffer.from(cose).indexOf(from);
  assert.ok(at >= 0, `${from} is in the certificate`);
  cose.set(Buffer.from(to), at);
  return HC1_PREFIX + base45Encode(zlibSync(cose));
}

for (const engine of engines()) {
  describe(`vaccination certificates (${engine})`, () => {
    const t = withTestApp(engine);
    const person = { fullName: 'Trần Thị Mai', birthDate: '1979-05-21', phone: '0987 654 321', nationalId: '' };
    let personId: string;
    let boosterAt: string;
    const staffIssue = (id: string, token = t().adminToken, body: unknown = { reason: 'traveller asks for a certificate' }) =>
      t().request('POST', `/api/v1/vaccination/people/${id}/certificate`, { token, body });
    const citizen = (body: unknown) => t().request('POST', '/api/v1/open/vaccination/certificate', { body });
    const trust = async () => loadTrustList((await t().request('GET', '/.well-known/vigil/dcc-trust-list.json')).body);

    before(async () => {
      const stock = await siteWithStock(t(), { doses: 10 });
      personId = await createPerson(t(), { fullName: person.fullName, birthDate: person.birthDate, phone: person.phone });
      person.nationalId = ((await t().request('GET', `/api/v1/people/${personId}?reason=test`, { token: t().adminToken })).body as { nationalId: string }).nationalId;
      boosterAt = daysAgo(20);
      for (const administeredAt of [daysAgo(160), daysAgo(130), boosterAt]) {
        const dose = await postDose(t(), buildDose(personId, stock, { administeredAt }));
        assert.equal(dose.status, 201, JSON.stringify(dose.body));
      }
    });

    test('staff issue: the HC1 verifies against the trust list; a first booster after two doses is 3/3 Comirnaty on its day; audited', async () => {
      const issued = await staffIssue(personId);
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      const verified = await verifyHc1(issued.body.hc1, await trust());
      assert.equal(verified.valid, true, JSON.stringify(verified));
      const dcc = verified.payload as Dcc;
      const entry = dcc.v![0]!;
      assert.deepEqual([entry.dn, entry.sd, entry.mp, entry.ma, entry.vp, entry.dt], [3, 3, 'EU/1/20/1528', 'ORG-100030215', '1119349007', dateInVietnam(boosterAt)]);
      assert.deepEqual([dcc.nam.fn, dcc.nam.gn, dcc.nam.fnt, dcc.nam.gnt, dcc.dob], ['Trần', 'Thị Mai', 'TRAN', 'THI<MAI', '1979-05-21']);
      assert.equal(entry.ci, issued.body.uvci);
      assert.deepEqual(issued.body.entry, { dn: 3, sd: 3, vp: entry.vp, mp: entry.mp, ma: entry.ma, dt: entry.dt, productCode: 'PFIZER' });
      assert.deepEqual(issued.body.doses.map((d: { doseNumber: number; kind: string }) => `${d.doseNumber}${d.kind}`), ['1primary', '2primary', '3booster']);
      const days = (Date.parse(issued.body.expiresAt) - Date.parse(issued.body.issuedAt)) / DAY_MS;
      assert.ok(days > 300 && days <= 365, `valid ${days} days`);
      const [row] = await t().db.query<{ reason: string; detail: { uvci: string; kind: string } }>(
        `SELECT reason, detail FROM audit_log WHERE entity = 'certificate' AND action = 'issue' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [personId],
      );
      assert.deepEqual([row?.reason, row?.detail.uvci, row?.detail.kind], ['traveller asks for a certificate', issued.body.uvci, 'vaccination']);
    });

    test('a tampered certificate fails the signature; after its expiry it is expired', async () => {
      const { hc1, expiresAt } = (await staffIssue(personId)).body as { hc1: string; expiresAt: string };
      const keys = await trust();
      const changed = await verifyHc1(tamper(hc1, 'THI<MAI', 'THI<MAY'), keys);
      assert.deepEqual([changed.valid, changed.reason], [false, 'bad_signature']);
      assert.equal((changed.payload as Dcc).nam.gnt, 'THI<MAY');
      const late = await verifyHc1(hc1, keys, { at: new Date(Date.parse(expiresAt) + 1000) });
      assert.deepEqual([late.valid, late.reason, late.expired], [false, 'expired', true]);
      assert.equal((await verifyHc1(hc1, keys, { at: new Date(Date.parse(expiresAt) - 1000) })).valid, true);
    });

    test('citizen: national ID with birth date and phone, or the personal code, give a certificate that verifies; a wrong proof is the same 404 as an unknown ID', async () => {
      const proof = () => ({ nationalId: person.nationalId, birthDate: person.birthDate, phone: '+84987654321' });
      const byId = await citizen(proof());
      assert.equal(byId.status, 200, JSON.stringify(byId.body));
      assert.equal((await verifyHc1(byId.body.hc1, await trust())).valid, true);
      assert.deepEqual([byId.body.holder.fullName, byId.body.entry.dn, byId.body.entry.sd], [person.fullName, 3, 3]);
      const personCode = (await codeSigner(t().db)).sign('person', personId);
      const byCode = await citizen({ personCode });
      assert.equal(byCode.status, 200);
      assert.notEqual(byCode.body.uvci, byId.body.uvci);
      // the birth year is in the ID's digits: a wrong day or another phone is as unknown as a wrong ID
      const wrongDay = await citizen({ ...proof(), birthDate: '1979-05-22' });
      const wrongPhone = await citizen({ ...proof(), phone: '0987654320' });
      const unknown = await citizen({ ...proof(), nationalId: '093000000001' });
      assert.deepEqual([wrongDay.status, wrongPhone.status, unknown.status], [404, 404, 404]);
      assert.deepEqual([wrongDay.body.error.message, wrongPhone.body.error.message], [unknown.body.error.message, unknown.body.error.message]);
      assert.equal((await citizen({ personCode: `${personCode}x` })).status, 404);
      const incomplete = await citizen({ nationalId: person.nationalId, birthDate: person.birthDate });
      assert.deepEqual([incomplete.status, Object.keys(incomplete.body.error.fields)], [400, ['phone']]);
      const yearOnly = await citizen({ nationalId: person.nationalId, birthYear: 1979 });
      assert.deepEqual([yearOnly.status, Object.keys(yearOnly.body.error.fields ?? {})], [400, ['birthYear']], 'the birth year alone is no longer a proof');
      const [audited] = await t().db.query<{ actor_username: string }>(
        `SELECT actor_username FROM audit_log WHERE entity = 'certificate' AND action = 'issue' AND detail->>'uvci' = $1`, [byId.body.uvci],
      );
      assert.equal(audited?.actor_username, 'citizen');
    });

    test('the PDF, for staff and for the citizen', async () => {
      const staff = await t().app.inject({ method: 'GET', url: `/api/v1/vaccination/people/${personId}/certificate.pdf?reason=print`, headers: { authorization: `Bearer ${t().adminToken}` } });
      assert.equal(staff.statusCode, 200, staff.body);
      assert.equal(staff.headers['content-type'], 'application/pdf');
      assert.equal(staff.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const own = await t().app.inject({ method: 'POST', url: '/api/v1/open/vaccination/certificate.pdf', payload: { nationalId: person.nationalId, birthDate: person.birthDate, phone: person.phone } });
      assert.equal(own.statusCode, 200);
      assert.equal(own.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const wrong = await t().app.inject({ method: 'POST', url: '/api/v1/open/vaccination/certificate.pdf', payload: { nationalId: person.nationalId, birthDate: '1900-01-01', phone: person.phone } });
      assert.equal(wrong.statusCode, 404);
    });

    test('no doses: 422 naming the field for staff; for the citizen the same 404 as unknown details', async () => {
      const unvaccinated = await createPerson(t(), { birthDate: '1990-01-02', phone: '0912000333' });
      const staff = await staffIssue(unvaccinated);
      assert.equal(staff.status, 422);
      assert.match(staff.body.error.fields.personId, /no doses/);
      const nationalId = ((await t().request('GET', `/api/v1/people/${unvaccinated}?reason=test`, { token: t().adminToken })).body as { nationalId: string }).nationalId;
      const own = await citizen({ nationalId, birthDate: '1990-01-02', phone: '0912000333' });
      assert.equal(own.status, 404, 'nobody learns who was vaccinated');
    });

    test('scope: 403 without vaccination:read; 404 for a person neither living nor vaccinated in the area; visible where they were vaccinated', async () => {
      assert.equal((await staffIssue(personId, await t().tokenFor('lab_technician', '93'))).status, 403);
      assert.equal((await staffIssue(personId, await t().tokenFor('vaccinator', '931'))).status, 404);
      assert.equal((await staffIssue(personId, await t().tokenFor('vaccinator', '930'))).status, 201);
      // someone from Vị Thanh vaccinated at a site in Ngã Bảy: Ngã Bảy's vaccinator may issue
      const elsewhere = await siteWithStock(t(), { doses: 2, communeCode: OTHER_COMMUNE });
      const visitor = await createPerson(t());
      assert.equal((await postDose(t(), buildDose(visitor, elsewhere))).status, 201);
      const issued = await staffIssue(visitor, await t().tokenFor('vaccinator', '931'), {});
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      assert.deepEqual([issued.body.entry.dn, issued.body.entry.sd], [1, 2]);
      assert.equal((await staffIssue('00000000-0000-4000-8000-000000000000')).status, 404);
      assert.equal((await staffIssue('not-a-uuid')).status, 400);
    });
  });
}
