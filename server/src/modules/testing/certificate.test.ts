// The certificate of a negative test over HTTP on both engines: issued for a current negative result
// of the person's own sample, verifiable against the published trust list as an EU DCC test entry;
// refused for other results and for samples too old.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { codeSigner } from '../checkins/codes.js';
import { loadTrustList } from '../certificates/hcert/trust.js';
import { verifyHc1 } from '../certificates/hcert/verify.js';
import { holderOf } from './certificate.js';
import { collectTube, enterResult } from './lab.testkit.js';

describe('the holder of a certificate', () => {
  test('Vietnamese names are family name first; without a birth date the year stands for it', () => {
    assert.deepEqual(holderOf('Nguyễn Văn  An', '1985-03-02', 1985), { familyName: 'Nguyễn', givenName: 'Văn An', dob: '1985-03-02' });
    assert.deepEqual(holderOf('Thạch', null, 1950), { familyName: 'Thạch', givenName: null, dob: '1950' });
  });
});

for (const engine of engines()) {
  describe(`certificates of negative tests (${engine})`, () => {
    const t = withTestApp(engine);
    let lab: string;
    const certificate = (body: unknown) => t().request('POST', '/api/v1/open/test-results/certificate', { body });
    /** One person's tube with that result; their personal code and the look-up's result id. */
    const tested = async (outcome: 'positive' | 'negative', mode: 'individual' | 'household_representative' = 'individual') => {
      const tube = await collectTube(t, { members: mode === 'individual' ? 1 : 2, mode });
      assert.equal((await enterResult(t, lab, { barcode: tube.barcode, outcome })).status, 201);
      const codes = await codeSigner(t().db);
      const people = await Promise.all(tube.personIds.map(async (personId) => {
        const personCode = codes.sign('person', personId);
        const found = await t().request('POST', '/api/v1/open/test-results', { body: { personCode } });
        assert.equal(found.status, 200, JSON.stringify(found.body));
        return { personId, personCode, resultId: found.body.items[0].id as string };
      }));
      return people;
    };

    before(async () => {
      lab = await t().tokenFor('lab_technician', '93');
    });

    test('a negative result gets an HC1 certificate that verifies against the trust list, with the test entry and the holder', async () => {
      const { personId, personCode, resultId } = (await tested('negative'))[0]!;
      const issued = await certificate({ personCode, resultId });
      assert.equal(issued.status, 200, JSON.stringify(issued.body));
      assert.match(issued.body.hc1, /^HC1:/);
      const hours = (Date.parse(issued.body.expiresAt) - Date.parse(issued.body.issuedAt)) / 3600_000;
      assert.ok(hours > 70 && hours <= 72, `valid ${hours} h`);
      const trust = await loadTrustList((await t().request('GET', '/.well-known/vigil/dcc-trust-list.json')).body);
      const verified = await verifyHc1(issued.body.hc1, trust);
      assert.equal(verified.valid, true, JSON.stringify(verified));
      const person = (await t().request('GET', `/api/v1/people/${personId}?reason=test`, { token: t().adminToken })).body as { fullName: string; birthDate: string };
      const dcc = verified.payload as { nam: { fn: string }; dob: string; t: { tt: string; tr: string; ci: string }[] };
      assert.deepEqual([dcc.nam.fn, dcc.dob], [person.fullName.split(' ')[0], person.birthDate]);
      assert.deepEqual([dcc.t[0]!.tt, dcc.t[0]!.tr, dcc.t[0]!.ci], ['LP6464-4', '260415000', issued.body.uvci]);
      const [entry] = await t().db.query<{ reason: string | null }>(`SELECT reason FROM audit_log WHERE entity = 'certificate' AND action = 'issue' AND entity_id = $1`, [resultId]);
      assert.ok(entry, 'the issue is audited');
    });

    test('refused: a positive result, negative by representation, another person\'s result, a sample older than 72 hours', async () => {
      const [positive] = await tested('positive');
      const refused = await certificate({ personCode: positive!.personCode, resultId: positive!.resultId });
      assert.equal(refused.status, 409);
      assert.match(refused.body.error.fields.resultId, /positive/);
      const [sampled, represented] = await tested('negative', 'household_representative');
      assert.equal((await certificate({ personCode: represented!.personCode, resultId: represented!.resultId })).status, 409);
      assert.equal((await certificate({ personCode: represented!.personCode, resultId: sampled!.resultId })).status, 404);
      await t().db.query(`UPDATE person_results SET sampled_at = now() - interval '73 hours' WHERE id = $1`, [sampled!.resultId]);
      const old = await certificate({ personCode: sampled!.personCode, resultId: sampled!.resultId });
      assert.equal(old.status, 409);
      assert.match(old.body.error.fields.resultId, /72 hours/);
      assert.equal((await certificate({ personCode: sampled!.personCode })).status, 400);
    });
  });
}
