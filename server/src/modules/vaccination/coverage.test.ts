// Coverage over HTTP on both engines: a small population of known ages in two communes of two
// districts, doses at known days, a merged person counted once; denominators from the population
// facts (null where the population is unknown) or from registered people; weekly series; scope.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { withTestApp, type TestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { addDays, todayInVietnam } from '../open/time.js';
import { COMMUNE, OTHER_COMMUNE, buildDose, createPerson, daysAgo, postDose, siteWithStock } from './vaccination.testkit.js';

const today = todayInVietnam();
/** A birth date giving the age on today's date. */
const bornYearsAgo = (years: number) => `${Number(today.slice(0, 4)) - years}${addDays(today, -40).slice(4)}`;

async function give(t: TestApp, person: string, stock: { siteId: string; lotId: string; productCode: string }, ...days: number[]) {
  for (const day of days) {
    const response = await postDose(t, buildDose(person, stock, { administeredAt: daysAgo(day) }));
    assert.equal(response.status, 201, JSON.stringify(response.body));
  }
}

const pick = (unit: { groups: Record<string, { atLeastOne: { count: number }; full: { count: number }; booster: { count: number } }> }) =>
  Object.fromEntries(Object.entries(unit.groups).map(([group, g]) => [group, [g.atLeastOne.count, g.full.count, g.booster.count]]));

for (const engine of engines()) {
  describe(`vaccination coverage (${engine})`, () => {
    const t = withTestApp(engine);

    before(async () => {
      const pfizer = await siteWithStock(t(), { doses: 30 });
      const janssen = await siteWithStock(t(), { doses: 5, shipment: { productCode: 'JANSSEN' } });
      // Phường III (31321, Vị Thanh): A 30 years, two doses and a booster; B 55, one dose; C 70, Janssen (a one-dose series);
      // D 10, one dose; F and G 40 — one person recorded twice, one dose each, merged into G: a full series, counted once.
      const a = await createPerson(t(), { birthDate: bornYearsAgo(30) });
      await give(t(), a, pfizer, 200, 170, 30);
      await give(t(), await createPerson(t(), { birthDate: bornYearsAgo(55) }), pfizer, 100);
      await give(t(), await createPerson(t(), { birthDate: bornYearsAgo(70), sex: 'female' }), janssen, 50);
      await give(t(), await createPerson(t(), { birthDate: bornYearsAgo(10) }), pfizer, 10);
      const f = await createPerson(t(), { birthDate: bornYearsAgo(40) });
      const g = await createPerson(t(), { birthDate: bornYearsAgo(40) });
      await give(t(), f, pfizer, 150);
      await give(t(), g, pfizer, 120);
      const merged = await t().request('POST', `/api/v1/people/${g}/merge`, { token: t().adminToken, body: { mergedId: f, reason: 'the same person registered twice' } });
      assert.equal(merged.status, 200, JSON.stringify(merged.body));
      // 31340 (Ngã Bảy, no population known): E 40, two doses; and someone registered but not vaccinated
      await give(t(), await createPerson(t(), { birthDate: bornYearsAgo(40), communeCode: OTHER_COMMUNE }), pfizer, 200, 170);
      await createPerson(t(), { birthDate: bornYearsAgo(45), communeCode: OTHER_COMMUNE });
    });

    test('counts per age group, the commune under its district, a merged person once, by product', async () => {
      const response = await t().request('GET', '/api/v1/vaccination/coverage?unitCode=930', { token: t().adminToken });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      const { unit, children, asOf, method } = response.body;
      assert.equal(asOf, today);
      assert.equal(method, 'population');
      assert.equal(unit.unitCode, '930');
      const commune = children.find((c: { unitCode: string }) => c.unitCode === COMMUNE);
      //                       [at least one, full, booster]
      const expected = { all: [5, 3, 1], adults18: [4, 3, 1], aged50: [2, 1, 0], aged65: [1, 1, 0] };
      assert.deepEqual(pick(commune), expected);
      assert.deepEqual(pick(unit), expected, 'the district holds only this commune\'s people');
      assert.deepEqual(commune.byProduct, [
        { productCode: 'JANSSEN', atLeastOne: 1, full: 1, booster: 0 },
        { productCode: 'PFIZER', atLeastOne: 4, full: 2, booster: 1 },
      ]);
      assert.deepEqual(commune.dosesGiven, [{ productCode: 'JANSSEN', doses: 1 }, { productCode: 'PFIZER', doses: 7 }]);
      assert.equal(children.filter((c: { groups: { all: { atLeastOne: { count: number } } } }) => c.groups.all.atLeastOne.count > 0).length, 1);
    });

    test('denominators: the province 18+ fact, the population × the 18+ share, null with the reason where unknown', async () => {
      const province = (await t().request('GET', '/api/v1/vaccination/coverage', { token: t().adminToken })).body;
      assert.equal(province.unit.unitCode, '93');
      assert.deepEqual(pick(province.unit).adults18, [5, 4, 1]);
      assert.equal(province.unit.groups.adults18.denominator.value, 536_163);
      assert.equal(province.unit.groups.adults18.atLeastOne.share, Math.round((5 / 536_163) * 10_000) / 10_000);
      assert.equal(province.unit.groups.aged65.denominator.value, null);
      assert.match(province.unit.groups.aged65.denominator.note, /no aged65 population or share is configured/);
      assert.equal(province.unit.groups.aged65.full.share, null);

      const district = (await t().request('GET', '/api/v1/vaccination/coverage?unitCode=930', { token: t().adminToken })).body;
      const commune = district.children.find((c: { unitCode: string }) => c.unitCode === COMMUNE);
      const adults = Math.round(10_703 * (536_163 / 733_017)); // Phường III's population × the province's 18+ share
      assert.equal(commune.groups.adults18.denominator.value, adults);
      assert.match(commune.groups.adults18.denominator.note, /10,703 × 73\.14% adults18 share of 93/);
      assert.equal(commune.groups.adults18.full.share, Math.round((3 / adults) * 10_000) / 10_000);
      assert.equal(commune.groups.all.denominator.value, 10_703);

      const other = (await t().request('GET', `/api/v1/vaccination/coverage?unitCode=${OTHER_COMMUNE}`, { token: t().adminToken })).body.unit;
      assert.deepEqual(pick(other).adults18, [1, 1, 0]);
      assert.equal(other.population, null);
      assert.equal(other.groups.adults18.atLeastOne.share, null);
      assert.match(other.groups.adults18.denominator.note, /population of .* is unknown/);
    });

    test('the registered denominator counts the people Vigil holds (merged records out)', async () => {
      const response = await t().request('GET', `/api/v1/vaccination/coverage?unitCode=${OTHER_COMMUNE}&denominator=registered`, { token: t().adminToken });
      assert.equal(response.status, 200);
      const adults = response.body.unit.groups.adults18;
      assert.deepEqual([adults.denominator.method, adults.denominator.value, adults.atLeastOne.share], ['registered', 2, 0.5]);
      assert.equal(response.body.unit.groups.aged65.denominator.value, null);
    });

    test('over time: week by week, and as of an earlier day', async () => {
      const response = await t().request('GET', '/api/v1/vaccination/coverage/series?unitCode=930&weeks=30', { token: t().adminToken });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      const items = response.body.items as { date: string; groups: { all: { atLeastOne: { count: number }; full: { count: number } } } }[];
      assert.equal(items.length, 30);
      assert.equal(items.at(-1)!.date, today);
      assert.equal(items[0]!.date, addDays(today, -29 * 7));
      const at = (weeksAgo: number) => items.find((item) => item.date === addDays(today, -7 * weeksAgo))!.groups.all;
      assert.deepEqual([at(29).atLeastOne.count, at(29).full.count], [0, 0], '203 days ago nobody had a dose');
      assert.deepEqual([at(28).atLeastOne.count, at(28).full.count], [1, 0], '196 days ago: A had dose 1');
      assert.deepEqual([at(24).atLeastOne.count, at(24).full.count], [1, 1], '168 days ago: A had the full series');
      for (let i = 1; i < items.length; i++) assert.ok(items[i]!.groups.all.atLeastOne.count >= items[i - 1]!.groups.all.atLeastOne.count, 'cumulative');
      // the series (running sums of daily increments) and the report (people at a day) count alike
      const report = (await t().request('GET', '/api/v1/vaccination/coverage?unitCode=930', { token: t().adminToken })).body;
      assert.deepEqual(items.at(-1)!.groups, report.unit.groups);

      const earlier = (await t().request('GET', `/api/v1/vaccination/coverage?unitCode=${COMMUNE}&asOf=${addDays(today, -60)}`, { token: t().adminToken })).body;
      assert.deepEqual(pick(earlier.unit).all, [3, 2, 0], 'A full, F+G full after the merge, B one dose; C and D not yet');
    });

    test('bad input names the field; scope; permission', async () => {
      const cases: [string, string][] = [['asOf=2021-02-30', 'asOf'], [`asOf=${addDays(today, 2)}`, 'asOf'], ['denominator=census', 'denominator'], ['weeks=0', 'weeks'], ['unitCode=9x', 'unitCode']];
      for (const [query, field] of cases) {
        const path = field === 'weeks' ? '/api/v1/vaccination/coverage/series' : '/api/v1/vaccination/coverage';
        const response = await t().request('GET', `${path}?${query}`, { token: t().adminToken });
        assert.equal(response.status, 400, `${query}: ${JSON.stringify(response.body)}`);
        assert.ok(response.body.error.fields?.[field], `${query}: ${JSON.stringify(response.body.error)}`);
      }
      const officer = await t().tokenFor('health_officer', '931');
      assert.equal((await t().request('GET', '/api/v1/vaccination/coverage?unitCode=930', { token: officer })).status, 404);
      const own = await t().request('GET', '/api/v1/vaccination/coverage', { token: officer });
      assert.equal(own.body.unit.unitCode, '931');
      assert.deepEqual(pick(own.body.unit).all, [1, 1, 0]);
      assert.equal((await t().request('GET', '/api/v1/vaccination/coverage', { token: await t().tokenFor('viewer', '93') })).status, 403);
      assert.equal((await t().request('GET', '/api/v1/vaccination/coverage')).status, 401);
    });
  });
}
