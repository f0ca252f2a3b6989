import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { describeTree, optimalTree } from './pooling/schemes.js';
import { engineRetestPolicy, type MemberFact, type PersonOutcome, propagate, type TubeFacts, type TubeKind, type TubeOutcome } from './propagate.js';

const at = new Date('2021-08-02T01:00:00Z');
const sampled = (personId: string): MemberFact => ({ personId, role: 'sampled', representedBy: null, sampledAt: at });
const represented = (personId: string, by: string): MemberFact => ({ personId, role: 'represented', representedBy: by, sampledAt: at });
const pool = (n: number, keepsAliquots = true, depth = 1): TubeFacts => ({
  kind: 'pool', keepsAliquots, depth, members: Array.from({ length: n }, (_, i) => sampled(`p${i}`)),
});
const policy = engineRetestPolicy(0.01);

describe('propagate: what a tube result means for each person', () => {
  test('a negative pool makes each member negative and plans nothing', () => {
    const result = propagate(pool(10), 'negative', policy);
    assert.deepEqual(result.people.map((p) => p.outcome), Array(10).fill('negative'));
    assert.deepEqual(result.retests, []);
    assert.deepEqual(result.positives, []);
  });

  test('a negative representative sample: the sampled negative, the represented negative by representation, sampled at the representative\'s time', () => {
    const tube: TubeFacts = { kind: 'representative', keepsAliquots: false, depth: 1, members: [sampled('a'), represented('b', 'a'), represented('c', 'a')] };
    const result = propagate(tube, 'negative', policy);
    assert.deepEqual(result.people.map((p) => [p.personId, p.outcome]), [['a', 'negative'], ['b', 'negative_by_representation'], ['c', 'negative_by_representation']]);
    assert.ok(result.people.every((p) => p.sampledAt === at));
  });

  test('a positive pool of kept samples is split as the engine\'s tree for its size: 10 → 4, 3, 3, then individuals', () => {
    const result = propagate(pool(10), 'positive', policy);
    assert.deepEqual(result.people.map((p) => p.outcome), Array(10).fill('retest_pending'));
    assert.equal(describeTree(optimalTree(10, 3, { prevalence: 0.01 }).tree), '10:(4,3,3)');
    assert.deepEqual(result.retests.map((r) => [r.origin, r.kind, r.members.map((m) => m.personId).join(' ')]), [
      ['aliquot', 'pool', 'p0 p1 p2 p3'], ['aliquot', 'pool', 'p4 p5 p6'], ['aliquot', 'pool', 'p7 p8 p9'],
    ]);
    // the sub-pool one stage down has only individuals left (R = 3)
    const sub = propagate(pool(4, true, 2), 'positive', policy);
    assert.deepEqual(sub.retests.map((r) => [r.origin, r.kind, r.members.length]), Array(4).fill(['aliquot', 'individual', 1]));
  });

  test('a small positive pool is retested as individuals (Dorfman), as the engine\'s tree says', () => {
    const result = propagate(pool(4), 'positive', policy);
    assert.deepEqual(result.retests.map((r) => r.kind), ['individual', 'individual', 'individual', 'individual']);
  });

  test('a positive pool without kept samples asks for each member to be sampled again alone', () => {
    const result = propagate(pool(5, false), 'positive', policy);
    assert.deepEqual(result.retests.map((r) => [r.origin, r.kind, r.members[0]!.personId]), ['p0', 'p1', 'p2', 'p3', 'p4'].map((p) => ['resample', 'individual', p]));
  });

  test('a positive individual is positive and proposes a case; people they represent are sampled again', () => {
    const tube: TubeFacts = { kind: 'representative', keepsAliquots: true, depth: 1, members: [sampled('a'), represented('b', 'a')] };
    const result = propagate(tube, 'positive', policy);
    assert.deepEqual(result.people.map((p) => [p.personId, p.outcome]), [['a', 'positive'], ['b', 'retest_pending']]);
    assert.deepEqual(result.positives, ['a']);
    assert.deepEqual(result.retests, [{ origin: 'resample', kind: 'individual', members: [{ personId: 'b', role: 'sampled', representedBy: null, sampledAt: at }] }]);
  });

  test('invalid: everyone invalid, and the same tube again: from kept samples, else sampled again', () => {
    const kept = propagate(pool(3), 'invalid', policy);
    assert.deepEqual(kept.people.map((p) => p.outcome), ['invalid', 'invalid', 'invalid']);
    assert.deepEqual(kept.retests.map((r) => [r.origin, r.kind, r.members.length]), [['aliquot', 'pool', 3]]);
    const lost = propagate({ kind: 'individual', keepsAliquots: false, depth: 1, members: [sampled('a')] }, 'invalid', policy);
    assert.deepEqual(lost.retests.map((r) => [r.origin, r.kind]), [['resample', 'individual']]);
  });
});

// ---- the correctness property of the issue: with perfect tests, nobody infected ends negative

interface Person { id: string; infected: boolean }
interface QueuedTube { facts: TubeFacts }

/** A collected tube: a pool of sampled people, or a representative sample with the people it stands for. */
const collectedTube = fc.record({
  kind: fc.constantFrom<TubeKind>('pool', 'representative', 'individual'),
  keepsAliquots: fc.boolean(),
  sampled: fc.array(fc.boolean(), { minLength: 1, maxLength: 15 }),
  represented: fc.array(fc.boolean(), { maxLength: 6 }),
});

describe('propagate: with perfect tests, no infected person is reported negative', () => {
  test('for any grouping, pooling and pattern of positives, following every planned retest to its end', () => {
    fc.assert(fc.property(fc.array(collectedTube, { minLength: 1, maxLength: 6 }), fc.double({ min: 0.001, max: 0.3, noNaN: true }), fc.array(fc.boolean(), { maxLength: 40 }), (tubes, prevalence, invalidFlips) => {
      const retestPolicy = engineRetestPolicy(prevalence);
      const people = new Map<string, Person>();
      const final = new Map<string, PersonOutcome>();
      const queue: QueuedTube[] = [];
      let n = 0;
      for (const tube of tubes) {
        const sampledPeople = (tube.kind === 'individual' ? tube.sampled.slice(0, 1) : tube.sampled).map((infected) => ({ id: `s${n++}`, infected }));
        const representedPeople = tube.kind === 'representative' ? tube.represented.map((infected) => ({ id: `r${n++}`, infected })) : [];
        for (const person of [...sampledPeople, ...representedPeople]) people.set(person.id, person);
        queue.push({ facts: {
          kind: tube.kind, keepsAliquots: tube.keepsAliquots, depth: 1,
          members: [...sampledPeople.map((p) => sampled(p.id)), ...representedPeople.map((p) => represented(p.id, sampledPeople[0]!.id))],
        } });
      }
      let flips = 0;
      for (let steps = 0; queue.length > 0; steps++) {
        assert.ok(steps < 10_000, 'the retests end');
        const { facts } = queue.shift()!;
        const positive = facts.members.some((m) => m.role === 'sampled' && people.get(m.personId)!.infected);
        // now and then the lab answers invalid (a few times at most, so the procedure ends)
        const outcome: TubeOutcome = invalidFlips[flips++] === true && flips < 20 ? 'invalid' : positive ? 'positive' : 'negative';
        const result = propagate(facts, outcome, retestPolicy);
        for (const p of result.people) final.set(p.personId, p.outcome);
        for (const retest of result.retests) {
          const depth = outcome === 'positive' ? facts.depth + 1 : facts.depth;
          queue.push({ facts: { kind: retest.kind, keepsAliquots: facts.keepsAliquots, depth, members: retest.members } });
          assert.ok(retest.members.filter((m) => m.role === 'sampled').length <= 15);
        }
        for (const id of result.positives) assert.ok(people.get(id)!.infected, 'only infected people are positive');
      }
      for (const [id, person] of people) {
        const outcome = final.get(id);
        assert.ok(outcome !== undefined && outcome !== 'retest_pending' && outcome !== 'invalid', `${id} ends with an answer, not ${outcome}`);
        if (person.infected) assert.notEqual(outcome, 'negative', `${id} is infected`);
        if (person.infected && id.startsWith('s')) assert.equal(outcome, 'positive', `${id} was sampled and is infected`);
        if (!person.infected && id.startsWith('s')) assert.equal(outcome, 'negative');
      }
    }), { numRuns: 300 });
  });
});
