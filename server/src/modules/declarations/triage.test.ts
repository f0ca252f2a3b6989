import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_RULES } from './rules.js';
import type { TriageRules } from './schema.js';
import { type TriageAnswers, triage } from './triage.js';

const healthy: TriageAnswers = { kind: 'general', symptoms: ['none'], contactWithCase: false, beenToOutbreakArea: false, vaccination: 'full', direction: null };

describe('triage by the default rules', () => {
  test('no symptoms, no contact, vaccinated: green without reasons', () => {
    assert.deepEqual(triage(healthy, DEFAULT_RULES), { flag: 'green', reasons: [] });
  });

  test('any typical symptom is red "symptoms"', () => {
    for (const symptom of ['fever', 'cough', 'shortness_of_breath', 'loss_of_taste_or_smell'] as const) {
      assert.deepEqual(triage({ ...healthy, symptoms: [symptom] }, DEFAULT_RULES), { flag: 'red', reasons: ['symptoms'] }, symptom);
    }
  });

  test('contact with a case is red; an outbreak area or no vaccine is yellow', () => {
    assert.deepEqual(triage({ ...healthy, contactWithCase: true }, DEFAULT_RULES), { flag: 'red', reasons: ['contact_with_case'] });
    assert.deepEqual(triage({ ...healthy, beenToOutbreakArea: true }, DEFAULT_RULES), { flag: 'yellow', reasons: ['outbreak_area'] });
    assert.deepEqual(triage({ ...healthy, vaccination: 'none' }, DEFAULT_RULES), { flag: 'yellow', reasons: ['not_vaccinated'] });
    assert.deepEqual(triage({ ...healthy, symptoms: ['fatigue'] }, DEFAULT_RULES), { flag: 'yellow', reasons: ['other_symptoms'] });
  });

  test('several matches: the most severe flag, red reasons first, each once', () => {
    const result = triage({ ...healthy, vaccination: 'none', symptoms: ['fever', 'headache'], contactWithCase: true }, DEFAULT_RULES);
    assert.deepEqual(result, { flag: 'red', reasons: ['symptoms', 'contact_with_case', 'other_symptoms', 'not_vaccinated'] });
  });
});

describe('triage by other rules', () => {
  test('every test of a rule must hold: entering travellers without a full course are yellow, leaving ones are not', () => {
    const rules: TriageRules = { rules: [{ reason: 'entering_unvaccinated', flag: 'yellow', when: { kindIn: ['entry'], directionIn: ['in'], vaccinationIn: ['none', 'one_dose'] } }] };
    const traveller: TriageAnswers = { ...healthy, kind: 'entry', vaccination: 'one_dose', direction: 'in' };
    assert.equal(triage(traveller, rules).flag, 'yellow');
    assert.equal(triage({ ...traveller, direction: 'out' }, rules).flag, 'green');
    assert.equal(triage({ ...traveller, kind: 'general', direction: null }, rules).flag, 'green');
    assert.equal(triage({ ...traveller, vaccination: 'full' }, rules).flag, 'green');
  });

  test('the same reason from two rules is listed once; no rules at all flag nothing', () => {
    const rules: TriageRules = {
      rules: [
        { reason: 'exposure', flag: 'yellow', when: { beenToOutbreakArea: true } },
        { reason: 'exposure', flag: 'red', when: { contactWithCase: true } },
      ],
    };
    assert.deepEqual(triage({ ...healthy, beenToOutbreakArea: true, contactWithCase: true }, rules), { flag: 'red', reasons: ['exposure'] });
    assert.deepEqual(triage({ ...healthy, contactWithCase: true }, { rules: [] }), { flag: 'green', reasons: [] });
  });
});
