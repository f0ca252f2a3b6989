// The screening rules without a database: the checklist file, the assessment the answers lead to,
// and which outcomes it allows.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHECKLIST, evaluate, outcomeProblem, parseChecklist } from './screening.rules.js';

const no = () => Object.fromEntries(CHECKLIST.questions.filter((q) => !q.derived).map((q) => [q.id, false]));

describe('screening checklist', () => {
  test('a broken checklist is refused with the problem named', () => {
    const question = CHECKLIST.questions[0]!;
    assert.throws(() => parseChecklist({ ...CHECKLIST, questions: [question, question] }), /question ids must be unique/);
    assert.throws(() => parseChecklist({ ...CHECKLIST, questions: [{ ...question, kind: 'maybe' }] }), /does not match its schema/);
    assert.throws(() => parseChecklist({ ...CHECKLIST, questions: [{ ...question, derived: 'age' }] }), /derived "age" and minAge go together/);
  });

  test('the strictest yes decides: contraindication over postpone over precaution; info changes nothing', () => {
    const cases: [Record<string, boolean>, string][] = [
      [{}, 'fit'],
      [{ chronic_controlled: true }, 'fit'],
      [{ allergy: true }, 'precaution'],
      [{ allergy: true, acute_illness: true }, 'postpone'],
      [{ allergy: true, acute_illness: true, anaphylaxis: true }, 'contraindication'],
    ];
    for (const [yes, assessment] of cases) {
      const evaluation = evaluate(CHECKLIST, { ...no(), ...yes }, { age: 40 });
      assert.deepEqual(evaluation.problems, {});
      assert.equal(evaluation.assessment, assessment, JSON.stringify(yes));
    }
  });

  test('age 65 and a temperature of 37.5 are derived', () => {
    assert.deepEqual(evaluate(CHECKLIST, no(), { age: 65 }).findings, [{ questionId: 'age_65_or_more', kind: 'precaution', from: 'age' }]);
    assert.deepEqual(evaluate(CHECKLIST, no(), { age: 64 }).findings, []);
    const { fever: _fever, ...rest } = no();
    assert.equal(evaluate(CHECKLIST, rest, { age: 30, temperatureC: 37.5 }).assessment, 'postpone');
    assert.equal(evaluate(CHECKLIST, rest, { age: 30, temperatureC: 37.4 }).problems['answers.fever'], 'is required: answer true or false');
  });

  test('an outcome that does not fit is named: outcome for a contraindication or postponement, note for a precaution', () => {
    const contraindicated = evaluate(CHECKLIST, { ...no(), anaphylaxis: true }, { age: 30 });
    assert.match(outcomeProblem(contraindicated, { outcome: 'vaccinate' })?.outcome ?? '', /answers\.anaphylaxis is a contraindication/);
    assert.equal(outcomeProblem(contraindicated, { outcome: 'refer' }), null);
    const precaution = evaluate(CHECKLIST, { ...no(), bleeding_disorder: true }, { age: 30 });
    assert.match(outcomeProblem(precaution, { outcome: 'vaccinate' })?.note ?? '', /answers\.bleeding_disorder/);
    assert.equal(outcomeProblem(precaution, { outcome: 'vaccinate', note: 'ép chặt 2 phút sau tiêm' }), null);
    assert.equal(outcomeProblem(evaluate(CHECKLIST, no(), { age: 30 }), { outcome: 'postpone' }), null, 'a vaccinator may always be more careful');
  });
});
