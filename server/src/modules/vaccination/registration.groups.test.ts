// The priority groups file is checked at start; ages and group rules.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PRIORITY_GROUPS, ageOn, groupProblem, parsePriorityGroups } from './registration.groups.js';

describe('vaccination priority groups', () => {
  test('the shipped file parses, in order, with unique codes', () => {
    assert.ok(PRIORITY_GROUPS.length >= 10);
    assert.deepEqual(PRIORITY_GROUPS.map((g) => g.order), [...PRIORITY_GROUPS.map((g) => g.order)].sort((a, b) => a - b));
  });

  test('a broken file stops the start', () => {
    const group = { code: 'a_group', order: 1, vi: 'Nhóm', en: 'Group' };
    assert.throws(() => parsePriorityGroups({ source: 'x', groups: [group, { ...group, order: 2 }] }), /codes must be unique/);
    assert.throws(() => parsePriorityGroups({ source: 'x', groups: [group, { ...group, code: 'other' }] }), /orders must be unique/);
    assert.throws(() => parsePriorityGroups({ source: 'x', groups: [{ ...group, code: 'Bad Code' }] }), /does not match/);
  });

  test('age in full years, and the rules of a group', () => {
    assert.equal(ageOn('2026-03-14', '1961-03-15', 1961), 64);
    assert.equal(ageOn('2026-03-15', '1961-03-15', 1961), 65);
    assert.equal(ageOn('2026-06-01', null, 1961), 65);
    assert.match(groupProblem('elderly_65', { birthDate: '1961-03-15', birthYear: 1961, sex: 'male' }, '2026-03-14') ?? '', /65 or over/);
    assert.equal(groupProblem('elderly_65', { birthDate: '1961-03-15', birthYear: 1961, sex: 'male' }, '2026-03-15'), null);
    assert.match(groupProblem('pregnant_women', { birthDate: '1990-01-01', birthYear: 1990, sex: 'female' }, '2026-01-01') ?? '', /not open/);
    assert.match(groupProblem('nobody', { birthDate: null, birthYear: 1990, sex: null }, '2026-01-01') ?? '', /unknown priority group/);
  });
});
