// What a tube's result means for each person in it, and which tube comes next. Pure: no SQL, no
// clock, so it is tested on its own (propagate.test.ts) and the repository only writes its answer.
//
// - negative: every sampled member is negative; every represented member negative by representation.
// - positive, one sampled member: that person's own test, so they are positive (a case proposal);
//   anyone they represent was never tested and is sampled again alone.
// - positive, several sampled members: everyone is retest_pending. Kept single samples (the session
//   pools `lab_aliquot`) are retested in the lab following the engine's tree for this pool (sub-pools,
//   then individuals); otherwise each sampled member is sampled again alone (`resample`). Represented
//   members are always sampled again alone.
// - invalid: everyone in the tube is invalid, and the same tube is ordered again: from the kept
//   samples (aliquot) when the lab has them, else sampled again.
import { dorfmanTree, optimalTree, type PoolTree } from './pooling/schemes.js';

export type TubeOutcome = 'positive' | 'negative' | 'invalid';
export type PersonOutcome = 'negative' | 'negative_by_representation' | 'positive' | 'retest_pending' | 'invalid';
export type TubeKind = 'individual' | 'pool' | 'representative';
export type RetestOrigin = 'aliquot' | 'resample';

export interface MemberFact {
  personId: string;
  role: 'sampled' | 'represented';
  /** the sampled member standing for a represented one */
  representedBy: string | null;
  /** when this person, or the member representing them, was sampled */
  sampledAt: Date;
}

export interface TubeFacts {
  kind: TubeKind;
  /** the lab keeps each person's own sample (the session pools `lab_aliquot`) */
  keepsAliquots: boolean;
  /** 1 for a collected tube, its parent's depth + 1 for a retest */
  depth: number;
  members: readonly MemberFact[];
}

export interface PlannedRetest {
  origin: RetestOrigin;
  kind: TubeKind;
  members: MemberFact[];
}

export interface Propagation {
  people: { personId: string; outcome: PersonOutcome; sampledAt: Date }[];
  retests: PlannedRetest[];
  /** people whose own test was positive: each gets a case proposal */
  positives: string[];
}

export interface RetestPolicy {
  /** how a positive pool of `size` kept samples is split, with `stagesLeft` tests in sequence counting its own */
  splitTree(size: number, stagesLeft: number): PoolTree;
  /** most tests in sequence from a collected tube to an individual answer (the engine's R) */
  maxRounds: number;
}

/** Sequential tests from the collected tube to each person's own answer: the R = 3. */
export const RETEST_MAX_ROUNDS = 3;

/** The engine's policy: the optimal tree for that pool size at the given prevalence. */
export function engineRetestPolicy(prevalence: number, maxRounds = RETEST_MAX_ROUNDS): RetestPolicy {
  return {
    maxRounds,
    splitTree: (size, stagesLeft) => (stagesLeft >= 3 ? optimalTree(size, stagesLeft, { prevalence }).tree : dorfmanTree(size)),
  };
}

/** A planned tube sampling one person again. */
const resampleAlone = (member: MemberFact): PlannedRetest => ({
  origin: 'resample', kind: 'individual', members: [{ ...member, role: 'sampled', representedBy: null }],
});

/** The kept samples split as the tree says, in order: a part of one is an individual test. */
function aliquotsByTree(sampled: readonly MemberFact[], tree: PoolTree): PlannedRetest[] {
  const parts = tree.parts.length > 0 ? tree.parts : dorfmanTree(sampled.length).parts;
  const retests: PlannedRetest[] = [];
  let start = 0;
  for (const part of parts) {
    const members = sampled.slice(start, start + part.size);
    start += part.size;
    if (members.length > 0) retests.push({ origin: 'aliquot', kind: members.length === 1 ? 'individual' : 'pool', members });
  }
  return retests;
}

export function propagate(tube: TubeFacts, outcome: TubeOutcome, policy: RetestPolicy): Propagation {
  const sampled = tube.members.filter((m) => m.role === 'sampled');
  const represented = tube.members.filter((m) => m.role === 'represented');
  const each = (members: readonly MemberFact[], result: PersonOutcome) => members.map((m) => ({ personId: m.personId, outcome: result, sampledAt: m.sampledAt }));
  switch (outcome) {
    case 'negative':
      return { people: [...each(sampled, 'negative'), ...each(represented, 'negative_by_representation')], retests: [], positives: [] };
    case 'invalid':
      return {
        people: each(tube.members, 'invalid'),
        retests: [{ origin: tube.keepsAliquots ? 'aliquot' : 'resample', kind: tube.kind, members: tube.members.map((m) => ({ ...m })) }],
        positives: [],
      };
    case 'positive': {
      const again = represented.map(resampleAlone);
      if (sampled.length === 1) {
        return { people: [...each(sampled, 'positive'), ...each(represented, 'retest_pending')], retests: again, positives: [sampled[0]!.personId] };
      }
      const stagesLeft = policy.maxRounds - tube.depth + 1;
      const retests = tube.keepsAliquots ? aliquotsByTree(sampled, policy.splitTree(sampled.length, stagesLeft)) : sampled.map(resampleAlone);
      return { people: each(tube.members, 'retest_pending'), retests: [...retests, ...again], positives: [] };
    }
  }
}
