// `GET /api/v1/testing/pool-size`: the pool size the collection screen proposes for an area.
import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/schemas.js';


export const PoolSizeQuery = Type.Object({
  communeCode: Type.String({ pattern: '^[0-9]{5}$', description: 'the commune sampled; its recent results give the prevalence' }),
  testType: Type.Optional(Type.Enum(['rt_pcr', 'rapid_antigen'] as const, { default: 'rt_pcr' })),
  highRisk: Type.Optional(Type.Boolean({ default: false, description: 'a high-risk area: the high-risk cap applies' })),
  maxRounds: Type.Optional(Type.Integer({ minimum: 1, maximum: 8, default: 3, description: 'sequential rounds of tests the laboratory accepts' })),
});
export type PoolSizeQuery = Static<typeof PoolSizeQuery>;

const Candidate = Type.Object({
  scheme: Type.String(),
  stages: Type.Integer(),
  expectedTestsPerPerson: Type.Number(),
  parameters: Type.String(),
});

export const PoolSizeProposal = Type.Object({
  communeCode: Type.String(),
  testType: Type.String(),
  highRisk: Type.Boolean(),
  maxRounds: Type.Integer(),
  prevalence: Type.Object({
    estimate: Type.Number({ description: 'the prevalence the plan is made for' }),
    source: Type.Enum(['recent_results', 'prior'] as const),
    method: Type.String({ description: 'how it was estimated, with the counts, in words' }),
    windowFrom: Type.String({ format: 'date-time' }),
    windowTo: Type.String({ format: 'date-time' }),
    resolvedPeople: Type.Integer({ description: 'people with a current negative or positive result sampled in the commune in the window' }),
    positivePeople: Type.Integer(),
    minResolvedPeople: Type.Integer({ description: 'VIGIL_POOL_MIN_RESULTS: fewer resolved people and the prior is used' }),
    priorPrevalence: Type.Number({ description: 'VIGIL_POOL_PRIOR_PREVALENCE' }),
    interval95: Nullable(Type.Object({ low: Type.Number(), high: Type.Number() }, { description: 'Wilson 95 % interval of positives / resolved' })),
  }),
  cap: Type.Object({
    value: Type.Integer({ description: 'the largest pool allowed' }),
    setting: Type.String({ description: 'the configuration key it comes from' }),
  }),
  plan: Type.Object({
    scheme: Type.String(),
    stages: Type.Integer(),
    parameters: Type.String({ description: 'e.g. 10:(4,3,3): a pool of 10, if positive split into 4, 3 and 3, then individuals' }),
    expectedTestsPerPerson: Type.Number(),
    entropyBound: Type.Number(),
    capBound: Type.Number(),
    ratioToCapBound: Type.Number(),
    candidates: Type.Array(Candidate),
  }),
  proposedPoolSize: Type.Integer({ description: 'people per tube at collection: the first-stage pool of the plan' }),
});
export type PoolSizeProposal = Static<typeof PoolSizeProposal>;
