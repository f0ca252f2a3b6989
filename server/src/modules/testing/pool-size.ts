// The pool size the collection screen proposes: the prevalence estimated from the commune's recent
// results (prevalence.ts), the cap from the configuration, and the pool-design engine's best plan.
import type { Database } from '../../db/database.js';
import { type Actor, can } from '../../platform/actor.js';
import { forbidden, invalidField } from '../../platform/errors.js';
import { communeProblem } from '../units/service.js';
import type { PoolCaps } from './config.js';
import { TESTING_COLLECT, TESTING_MANAGE } from './permissions.js';
import { plan, type Plan } from './pooling/plan.js';
import type { PoolSizeProposal, PoolSizeQuery } from './pool-size.schema.js';
import { type PrevalenceCounts, type PrevalenceSettings, estimatePrevalence, PREVALENCE_WINDOW_DAYS } from './prevalence.js';

const DAY_MS = 86_400_000;

/** The cap for a test type, lowered by the high-risk cap in a high-risk area; with the key it comes from. */
export function poolCapFor(caps: PoolCaps, testType: 'rt_pcr' | 'rapid_antigen', highRisk: boolean): { value: number; setting: string } {
  const byType = testType === 'rt_pcr' ? { value: caps.rtPcr, setting: 'VIGIL_POOL_CAP_RT_PCR' } : { value: caps.rapidAntigen, setting: 'VIGIL_POOL_CAP_RAPID_ANTIGEN' };
  return highRisk && caps.highRisk < byType.value ? { value: caps.highRisk, setting: 'VIGIL_POOL_CAP_HIGH_RISK' } : byType;
}

/** People collected into one tube: the plan's first-stage pool (for an array, a row, or the master pool). */
export function firstStagePool(chosen: Plan): number {
  const design = chosen.design;
  return design.kind === 'tree' ? design.poolSize : design.master ? design.side * design.side : design.side;
}

/**
 * Current results sampled in the commune in (from, to], one row per person: resolved when a negative
 * or positive result is theirs (alone or in a pool), positive when any is positive.
 */
async function recentCounts(db: Database, communeCode: string, from: Date, to: Date): Promise<PrevalenceCounts> {
  const [row] = await db.query<{ resolved: number; positive: number }>(
    `SELECT count(*) FILTER (WHERE resolved)::int AS resolved, count(*) FILTER (WHERE positive)::int AS positive
     FROM (
       SELECT person_id, bool_or(outcome IN ('negative', 'positive')) AS resolved, bool_or(outcome = 'positive') AS positive
       FROM person_results
       WHERE current AND commune_code = $1 AND sampled_at > $2 AND sampled_at <= $3
       GROUP BY person_id
     ) people`,
    [communeCode, from, to],
  );
  return { resolvedPeople: row?.resolved ?? 0, positivePeople: row?.positive ?? 0 };
}

export async function proposePoolSize(
  db: Database, actor: Actor, settings: { poolCaps: PoolCaps; prevalence: PrevalenceSettings }, query: PoolSizeQuery, now = new Date(),
): Promise<PoolSizeProposal> {
  // collectors see it on their screen, planners when they open sessions
  if (!can(actor, TESTING_COLLECT) && !can(actor, TESTING_MANAGE)) throw forbidden(`role ${actor.role} may not plan pools`);
  const problem = await communeProblem(db, actor, query.communeCode);
  if (problem) throw invalidField('communeCode', problem);
  const testType = query.testType ?? 'rt_pcr';
  const highRisk = query.highRisk ?? false;
  const maxRounds = query.maxRounds ?? 3;
  const from = new Date(now.getTime() - PREVALENCE_WINDOW_DAYS * DAY_MS);
  const prevalence = estimatePrevalence(await recentCounts(db, query.communeCode, from, now), settings.prevalence);
  const cap = poolCapFor(settings.poolCaps, testType, highRisk);
  const chosen = plan({ prevalence: prevalence.estimate, maxPool: cap.value, maxRounds });
  return {
    communeCode: query.communeCode, testType, highRisk, maxRounds,
    prevalence: { ...prevalence, windowFrom: from.toISOString(), windowTo: now.toISOString() },
    cap,
    plan: {
      scheme: chosen.scheme, stages: chosen.stages, parameters: chosen.parameters, expectedTestsPerPerson: chosen.expectedTestsPerPerson,
      entropyBound: chosen.entropyBound, capBound: chosen.capBound, ratioToCapBound: chosen.ratioToCapBound, candidates: chosen.candidates,
    },
    proposedPoolSize: firstStagePool(chosen),
  };
}
