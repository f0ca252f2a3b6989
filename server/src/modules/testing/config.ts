// Pool-size limits of testing, read from the environment and validated once at boot. They are the
// most people one tube may hold; a session's poolCap may be lower, never higher (400 naming poolCap).
import { integerSetting } from '../../configError.js';
import { loadPrevalenceSettings, type PrevalenceSettings } from './prevalence.js';

export interface PoolCaps {
  /** VIGIL_POOL_CAP_RT_PCR: people of mixed households in one RT-PCR pool. */
  rtPcr: number;
  /** VIGIL_POOL_CAP_HOUSEHOLD: people of one household in one pool (and representatives in one representative tube). */
  household: number;
  /** VIGIL_POOL_CAP_HIGH_RISK: any pool in a session marked high-risk. */
  highRisk: number;
  /** VIGIL_POOL_CAP_RAPID_ANTIGEN: rapid antigen tubes (1: not pooled). */
  rapidAntigen: number;
}

export interface TestingConfig {
  poolCaps: PoolCaps;
  /** VIGIL_POOL_PRIOR_PREVALENCE, VIGIL_POOL_MIN_RESULTS: how the proposed pool size estimates prevalence */
  prevalence: PrevalenceSettings;
}

/** The tubes table allows 1–64 people in a tube. */
const MAX_POOL = 64;

const poolCap = (env: NodeJS.ProcessEnv, key: string, fallback: number) => integerSetting(env, key, fallback, 1, MAX_POOL);

export function loadTestingConfig(env: NodeJS.ProcessEnv): TestingConfig {
  return {
    poolCaps: {
      rtPcr: poolCap(env, 'VIGIL_POOL_CAP_RT_PCR', 10),
      household: poolCap(env, 'VIGIL_POOL_CAP_HOUSEHOLD', 15),
      highRisk: poolCap(env, 'VIGIL_POOL_CAP_HIGH_RISK', 5),
      rapidAntigen: poolCap(env, 'VIGIL_POOL_CAP_RAPID_ANTIGEN', 1),
    },
    prevalence: loadPrevalenceSettings(env),
  };
}
