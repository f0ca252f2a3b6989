// simulate(): a seeded population of households, infected with within-household transmission, tested
// with the scheme plan() chooses, pool by pool, with an optional Ct dilution model.
import { createRandom, type Random, weighted } from '../../demo/random.js';
import { indexProbability, packHouseholds, sizeShares, VIETNAM_HOUSEHOLD_SIZES, type HouseholdModel } from './households.js';
import { packHouseholdPools } from './household-packing.js';
import { type Design, type HouseholdPackingDesign, plan, type Plan } from './plan.js';
import type { PoolTree } from './schemes.js';
import { chunkPools, type PoolTest, runProcedure } from './procedure.js';

export interface Population {
  /** Members (person indexes) of each household. */
  households: number[][];
  infected: boolean[];
  /** Individual-sample Ct of each infected person (undefined for the others). */
  ct: (number | undefined)[];
}

/**
 * Ct model (RT-PCR): an infected person's own sample has Ct ~ Normal(26, 5) cut to [14, 38] (most
 * community cases sit in the low-to-mid twenties, some late or early cases near the limit); the
 * assay calls a sample positive at Ct ≤ 38, so an individual test never misses. A pool of k holds
 * the summed viral load of its members diluted k-fold, and the dilution factor D scales how much
 * Ct rises: Ct_pool = −log2(Σ 2^(−Ct_i)) + D·log2(k), i.e. one positive sample rises by D·log2 k.
 */
export const CT_MODEL = { mean: 26, sd: 5, min: 14, max: 38, limit: 38 } as const;

export function buildPopulation(size: number, prevalence: number, model: HouseholdModel, random: Random): Population {
  const drawSize = weighted(sizeShares(model.sizes));
  const a = indexProbability(prevalence, model);
  const households: number[][] = [];
  const infected: boolean[] = [];
  const ct: (number | undefined)[] = [];
  let next = 0;
  while (next < size) {
    const h = Math.min(drawSize(random), size - next);
    const members = Array.from({ length: h }, (_, i) => next + i);
    next += h;
    households.push(members);
    const index = random.chance(a) ? random.int(0, h - 1) : -1;
    for (let i = 0; i < h; i++) {
      const sick = index >= 0 && (i === index || random.chance(model.secondaryAttackRate));
      infected.push(sick);
      ct.push(sick ? random.normal(CT_MODEL.mean, CT_MODEL.sd, CT_MODEL.min, CT_MODEL.max) : undefined);
    }
  }
  return { households, infected, ct };
}

/** A pool test on the population: perfect (any infected member), or by Ct with dilution D. */
export function poolTest(population: Population, dilution = 0): PoolTest {
  if (dilution === 0) return (members) => members.some((m) => population.infected[m]);
  return (members) => {
    let load = 0;
    for (const m of members) {
      const ct = population.ct[m];
      if (ct !== undefined) load += 2 ** -ct;
    }
    if (load === 0) return false;
    return -Math.log2(load) + dilution * Math.log2(members.length) <= CT_MODEL.limit;
  };
}

export interface FormedPools {
  pools: number[][];
  /** Each pool's own tree (household packing); absent when pools run the design's tree for their size. */
  trees?: PoolTree[];
}

/** Pools of whole households by the planner's optimal mix of compositions, each with its tree. */
function packedPools(population: Population, packing: HouseholdPackingDesign): FormedPools | null {
  const packed = packHouseholdPools(population.households.map((members) => members.length), packing, packing.prevalence);
  if (!packed) return null;
  const cursor = new Map<number, number>(); // members already placed, for households cut into chunks
  const pools = packed.pools.map(({ households }) => households.flatMap(({ household, item }) => {
    const at = cursor.get(household) ?? 0;
    cursor.set(household, at + item.m);
    return population.households[household]!.slice(at, at + item.m);
  }));
  return { pools, trees: packed.pools.map(({ composition }) => composition.tree) };
}

/** Pools for a design: whole households together, or people shuffled and cut into pools. */
export function formPools(population: Population, design: Design, random: Random): FormedPools {
  if (design.kind === 'tree' && design.households && design.packing) {
    const packed = packedPools(population, design.packing);
    if (packed) return packed;
  }
  if (design.kind === 'tree' && design.households) {
    const sizes = population.households.map((members) => members.length);
    const cursor = new Map<number, number>();
    return { pools: packHouseholds(sizes, design.poolSize).map((slots) => slots.map(({ household }) => {
      const at = cursor.get(household) ?? 0;
      cursor.set(household, at + 1);
      return population.households[household]![at]!;
    })) };
  }
  const everyone = random.shuffle(Array.from({ length: population.infected.length }, (_, i) => i));
  return { pools: chunkPools(design, everyone) };
}

export interface SimulationResult {
  scheme: Plan['scheme'];
  parameters: string;
  stages: number;
  population: number;
  infected: number;
  observedPrevalence: number;
  tests: number;
  testsPerPerson: number;
  expectedTestsPerPerson: number;
  /** (simulated − planned) / planned. */
  relativeDifference: number;
  rounds: number;
  sensitivity: number;
  falseNegatives: number;
  falsePositives: number;
}

export function runDesign(population: Population, design: Design, random: Random, dilution = 0) {
  const { pools, trees } = formPools(population, design, random);
  const result = runProcedure(design, pools, poolTest(population, dilution), trees);
  let infected = 0;
  let falseNegatives = 0;
  let falsePositives = 0;
  population.infected.forEach((sick, person) => {
    const reported = result.reportedPositive.has(person);
    if (sick) infected += 1;
    if (sick && !reported) falseNegatives += 1;
    if (!sick && reported) falsePositives += 1;
  });
  const people = population.infected.length;
  return {
    tests: result.tests, rounds: result.rounds, infected, falseNegatives, falsePositives,
    testsPerPerson: result.tests / people,
    sensitivity: infected === 0 ? 1 : (infected - falseNegatives) / infected,
  };
}

export interface SimulateInput {
  population: number;
  prevalence: number;
  householdSar: number;
  maxPool: number;
  maxRounds: number;
  seed: number;
  dilution?: number;
  householdSizes?: HouseholdModel['sizes'];
}

export function simulate(input: SimulateInput): SimulationResult {
  if (!Number.isInteger(input.population) || input.population < 1 || input.population > 10_000_000) throw new RangeError('population: must be a whole number from 1 to 10,000,000');
  if (!(input.householdSar >= 0 && input.householdSar <= 1)) throw new RangeError('householdSar: must be from 0 to 1');
  if (!((input.dilution ?? 0) >= 0 && (input.dilution ?? 0) <= 10)) throw new RangeError('dilution: must be from 0 to 10');
  const households: HouseholdModel = { sizes: input.householdSizes ?? VIETNAM_HOUSEHOLD_SIZES, secondaryAttackRate: input.householdSar };
  const chosen = plan({ prevalence: input.prevalence, maxPool: input.maxPool, maxRounds: input.maxRounds, households });
  const random = createRandom(input.seed);
  const population = buildPopulation(input.population, input.prevalence, households, random.fork());
  const outcome = runDesign(population, chosen.design, random.fork(), input.dilution ?? 0);
  return {
    scheme: chosen.scheme,
    parameters: chosen.parameters,
    stages: chosen.stages,
    population: input.population,
    infected: outcome.infected,
    observedPrevalence: outcome.infected / input.population,
    tests: outcome.tests,
    testsPerPerson: outcome.testsPerPerson,
    expectedTestsPerPerson: chosen.expectedTestsPerPerson,
    relativeDifference: (outcome.testsPerPerson - chosen.expectedTestsPerPerson) / chosen.expectedTestsPerPerson,
    rounds: outcome.rounds,
    sensitivity: outcome.sensitivity,
    falseNegatives: outcome.falseNegatives,
    falsePositives: outcome.falsePositives,
  };
}
