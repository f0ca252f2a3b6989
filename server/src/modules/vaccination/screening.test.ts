// The pre-vaccination screening over HTTP on both engines: the checklist, answers checked against it,
// the outcome the answers allow (refusals name the field), re-screening, and the dose from a visit:
// refused without a "vaccinate" screening, naming visitId.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { addDays, todayInVietnam } from '../open/time.js';
import { buildDose, createPerson, postDose, siteWithStock } from './vaccination.testkit.js';
import { auditOf, bookToday, checkedIn, fitAnswers, postCheckIn, putScreening } from './visits.testkit.js';

const tomorrow = () => addDays(todayInVietnam(), 1);

for (const engine of engines()) {
  describe(`vaccination screening (${engine})`, () => {
    const t = withTestApp(engine);

    test('the checklist is configuration data with a version and kinds', async () => {
      const response = await t().request('GET', '/api/v1/vaccination/screening-checklist', { token: t().adminToken });
      assert.equal(response.status, 200);
      assert.match(response.body.version, /2995/);
      const kinds = Object.fromEntries(response.body.questions.map((q: { id: string; kind: string }) => [q.id, q.kind]));
      assert.equal(kinds.anaphylaxis, 'contraindication');
      assert.equal(kinds.fever, 'postpone');
      assert.equal(kinds.allergy, 'precaution');
      assert.equal(response.body.questions.find((q: { id: string }) => q.id === 'age_65_or_more').derived, 'age');
    });

    test('answers are checked against the checklist, naming the question', async () => {
      const { visitId } = await checkedIn(t());
      const { anaphylaxis: _left, ...missing } = fitAnswers();
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ answers: missing, outcome: 'vaccinate' }, 'answers.anaphylaxis', /required/],
        [{ answers: fitAnswers({ smallpox: true }), outcome: 'vaccinate' }, 'answers.smallpox', /not a question of checklist/],
        [{ answers: fitAnswers({ fever: false }), temperatureC: 38.2, outcome: 'postpone', postponeUntil: tomorrow(), reason: 'sốt' }, 'answers.fever', /cannot be false with temperatureC 38.2/],
        [{ answers: fitAnswers({ age_65_or_more: true }), outcome: 'vaccinate' }, 'answers.age_65_or_more', /is false for a person aged/],
        [{ answers: fitAnswers(), outcome: 'maybe' }, 'outcome', /must be/],
        [{ answers: fitAnswers(), temperatureC: 60, outcome: 'vaccinate' }, 'temperatureC', /<= 45/],
        [{ answers: fitAnswers(), outcome: 'postpone', reason: 'bận' }, 'postponeUntil', /required to postpone/],
        [{ answers: fitAnswers(), outcome: 'postpone', postponeUntil: todayInVietnam(), reason: 'bận' }, 'postponeUntil', /after today/],
        [{ answers: fitAnswers(), outcome: 'refer', reason: 'bệnh nền' }, 'referTo', /required to refer/],
        [{ answers: fitAnswers(), outcome: 'refer', referTo: 'Bệnh viện Đa khoa tỉnh' }, 'reason', /required to refer/],
        [{ answers: fitAnswers(), outcome: 'vaccinate', postponeUntil: tomorrow() }, 'postponeUntil', /only with outcome postpone/],
      ];
      for (const [body, field, reason] of cases) {
        const response = await putScreening(t(), visitId, body);
        assert.equal(response.status, 400, `${JSON.stringify(body)} → ${JSON.stringify(response.body)}`);
        assert.match(response.body.error.fields?.[field] ?? '', reason, `${field}: ${JSON.stringify(response.body.error)}`);
      }
      assert.equal((await putScreening(t(), randomUUID(), { answers: fitAnswers(), outcome: 'vaccinate' })).status, 404);
    });

    test('the outcome must fit the answers: a contraindication or a reason to postpone cannot be "vaccinate"; a precaution needs a note', async () => {
      const { visitId } = await checkedIn(t());
      const { fever: _f, ...noFever } = fitAnswers();
      const refusals: [Record<string, unknown>, string, RegExp][] = [
        [{ answers: fitAnswers({ anaphylaxis: true }), outcome: 'vaccinate' }, 'outcome', /cannot be vaccinate: answers\.anaphylaxis is a contraindication; allowed: refer, postpone/],
        [{ answers: fitAnswers({ acute_illness: true }), outcome: 'vaccinate' }, 'outcome', /answers\.acute_illness requires postponing/],
        [{ answers: noFever, temperatureC: 37.5, outcome: 'vaccinate' }, 'outcome', /answers\.fever requires postponing/],
        [{ answers: fitAnswers({ allergy: true, bleeding_disorder: true }), outcome: 'vaccinate' }, 'note', /precaution \(answers\.allergy, answers\.bleeding_disorder\)/],
      ];
      for (const [body, field, reason] of refusals) {
        const response = await putScreening(t(), visitId, body);
        assert.equal(response.status, 422, `${JSON.stringify(body)} → ${JSON.stringify(response.body)}`);
        assert.match(response.body.error.fields?.[field] ?? '', reason);
      }
      const withNote = await putScreening(t(), visitId, { answers: fitAnswers({ allergy: true }), outcome: 'vaccinate', note: 'Dị ứng hải sản; theo dõi 60 phút, sẵn hộp chống sốc' });
      assert.equal(withNote.status, 200, JSON.stringify(withNote.body));
      assert.equal(withNote.body.assessment, 'precaution');
      assert.deepEqual(withNote.body.findings, [{ questionId: 'allergy', kind: 'precaution', from: 'answer' }]);
      const referred = await putScreening(t(), visitId, { answers: fitAnswers({ anaphylaxis: true }), outcome: 'refer', referTo: 'Bệnh viện Đa khoa tỉnh Hậu Giang', reason: 'phản vệ độ 2 sau mũi 1' });
      assert.equal(referred.status, 200);
      assert.deepEqual([referred.body.assessment, referred.body.outcome, referred.body.referTo], ['contraindication', 'refer', 'Bệnh viện Đa khoa tỉnh Hậu Giang']);
    });

    test('age and temperature are derived: a person of 70 is a precaution; 38 °C without an answer is fever', async () => {
      const older = await checkedIn(t(), { person: { birthDate: `${Number(todayInVietnam().slice(0, 4)) - 70}-01-01` } });
      const refused = await putScreening(t(), older.visitId, { answers: fitAnswers(), outcome: 'vaccinate' });
      assert.equal(refused.status, 422);
      assert.match(refused.body.error.fields.note, /answers\.age_65_or_more/);
      const { fever: _f, ...noFever } = fitAnswers();
      const hot = await checkedIn(t());
      const postponed = await putScreening(t(), hot.visitId, { answers: noFever, temperatureC: 38, outcome: 'postpone', postponeUntil: addDays(todayInVietnam(), 7), reason: 'sốt 38 độ' });
      assert.equal(postponed.status, 200, JSON.stringify(postponed.body));
      assert.equal(postponed.body.answers.fever, true);
      assert.deepEqual(postponed.body.findings, [{ questionId: 'fever', kind: 'postpone', from: 'temperatureC' }]);
      assert.equal(postponed.body.postponeUntil, addDays(todayInVietnam(), 7));
      assert.equal(postponed.body.temperatureC, 38);
    });

    test('screening again before the dose replaces it (audited before and after); the visit shows it', async () => {
      const { visitId } = await checkedIn(t());
      assert.equal((await putScreening(t(), visitId, { answers: fitAnswers(), outcome: 'postpone', postponeUntil: tomorrow(), reason: 'chưa ăn sáng' })).status, 200);
      assert.equal((await putScreening(t(), visitId, { answers: fitAnswers(), outcome: 'vaccinate' })).status, 200);
      const visit = await t().request('GET', `/api/v1/vaccination/visits/${visitId}`, { token: t().adminToken });
      assert.equal(visit.body.screening.outcome, 'vaccinate');
      assert.equal(visit.body.screening.postponeUntil, null);
      const rows = await auditOf(t(), 'vaccination_screening', visitId);
      assert.deepEqual(rows.map((r) => r.action), ['screen', 'rescreen']);
    });

    test('postponed at the booked visit: the booking was used, and the registration waits for a new invitation', async () => {
      const stock = await siteWithStock(t());
      const personId = await createPerson(t());
      const registered = await t().request('POST', '/api/v1/vaccination/registrations', { token: t().adminToken, body: { id: randomUUID(), priorityGroup: 'others', personId } });
      assert.equal(registered.status, 201, JSON.stringify(registered.body));
      const registrationId = registered.body.registration.id as string;
      const bookingId = await bookToday(t(), stock.siteId, personId);
      // late in the day the kit writes the booking itself: tie it to the registration as the API does
      await t().db.query(`UPDATE vaccination_bookings SET registration_id = $1 WHERE id = $2`, [registrationId, bookingId]);
      await t().db.query(`UPDATE vaccination_registrations SET status = 'booked' WHERE id = $1`, [registrationId]);
      const visit = await postCheckIn(t(), { siteId: stock.siteId, personId });
      assert.equal(visit.body.booking.id, bookingId);
      assert.equal((await putScreening(t(), visit.body.id, { answers: fitAnswers(), outcome: 'postpone', postponeUntil: tomorrow(), reason: 'mới ốm dậy' })).status, 200);
      const [row] = await t().db.query<{ status: string }>('SELECT status FROM vaccination_registrations WHERE id = $1', [registrationId]);
      assert.equal(row?.status, 'waiting');
    });

    test('a dose from a visit is refused (422 visitId) without a screening or with one that is not "vaccinate"', async () => {
      const { visitId, personId, stock } = await checkedIn(t());
      const unscreened = await postDose(t(), buildDose(personId, stock, { visitId }));
      assert.equal(unscreened.status, 422);
      assert.match(unscreened.body.error.fields.visitId, /has not been screened/);
      await putScreening(t(), visitId, { answers: fitAnswers({ recent_covid: true }), outcome: 'postpone', postponeUntil: addDays(todayInVietnam(), 60), reason: 'mắc COVID-19 tháng trước' });
      const postponed = await postDose(t(), buildDose(personId, stock, { visitId }));
      assert.equal(postponed.status, 422);
      assert.match(postponed.body.error.fields.visitId, /outcome of this visit is postpone until/);
      const history = await t().request('GET', `/api/v1/vaccination/people/${personId}/doses`, { token: t().adminToken });
      assert.deepEqual(history.body.doses, [], 'nothing was recorded');
    });

    test('the dose from a screened visit: recorded with the visit, the registration vaccinated, one dose per visit, fixed screening', async () => {
      const { visitId, personId, stock } = await checkedIn(t());
      const registration = await t().request('POST', '/api/v1/vaccination/registrations', { token: t().adminToken, body: { id: randomUUID(), personId, priorityGroup: 'teachers' } });
      assert.ok([200, 201].includes(registration.status), JSON.stringify(registration.body));
      await putScreening(t(), visitId, { answers: fitAnswers(), outcome: 'vaccinate' });
      const other = await checkedIn(t());
      const wrongPerson = await postDose(t(), buildDose(other.personId, stock, { visitId }));
      assert.equal(wrongPerson.status, 400);
      assert.match(wrongPerson.body.error.fields.visitId, /another person/);
      const dose = await postDose(t(), buildDose(personId, stock, { visitId }));
      assert.equal(dose.status, 201, JSON.stringify(dose.body));
      assert.equal(dose.body.visitId, visitId);
      const [reg] = await t().db.query<{ status: string }>('SELECT status FROM vaccination_registrations WHERE person_id = $1', [personId]);
      assert.equal(reg?.status, 'vaccinated');
      const second = await postDose(t(), buildDose(personId, stock, { visitId }));
      assert.equal(second.status, 409);
      assert.match(second.body.error.fields.visitId, /already recorded at this visit/);
      const rescreen = await putScreening(t(), visitId, { answers: fitAnswers(), outcome: 'vaccinate' });
      assert.equal(rescreen.status, 409);
      const visit = await t().request('GET', `/api/v1/vaccination/visits/${visitId}`, { token: t().adminToken });
      assert.equal(visit.body.doseId, dose.body.id);
      // without a visit, the dose API is unchanged
      const plain = await postDose(t(), buildDose(other.personId, stock));
      assert.equal(plain.status, 201);
      assert.equal(plain.body.visitId, null);
    });
  });
}
