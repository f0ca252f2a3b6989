// Pool-design engine targets (issue 7).
//   node --import tsx bench/pooling.ts [--population 1000000] [--seed 2021]
// Prints one JSON document: (1) plan vs the optimal three-stage hierarchical scheme for K = 10,
// R = 3; (2) the seeded simulation vs its plan; (3) household-aware pooling (households packed by
// the optimal mix of compositions, trees split by household) vs randomly mixed pools running the
// design's trees for mixed pools (the optimal R-stage trees for P), simulated on one population and
// planned exactly. `floor` is the least any scheme can reach, capBound = P + (1 − P)/K (see docs).
import { parseArgs } from 'node:util';
import { createRandom } from '../server/src/modules/demo/random.js';
import { VIETNAM_HOUSEHOLD_SIZES } from '../server/src/modules/testing/pooling/households.js';
import { type Design, plan } from '../server/src/modules/testing/pooling/plan.js';
import { buildPopulation, runDesign, simulate } from '../server/src/modules/testing/pooling/simulate.js';

const { values } = parseArgs({ options: { population: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '2021' } } });
const population = Number(values.population);
const seed = Number(values.seed);
const round = (x: number, places = 4) => Number(x.toFixed(places));
const THREE_STAGE: [number, number][] = [[0.001, 0.1064], [0.005, 0.1316], [0.01, 0.1623], [0.02, 0.2212], [0.05, 0.3770], [0.1, 0.5863]];
const households = { sizes: VIETNAM_HOUSEHOLD_SIZES, secondaryAttackRate: 0.3 };
const started = performance.now();

const planVsThreeStage = THREE_STAGE.map(([prevalence, target]) => {
  const result = plan({ prevalence, maxPool: 10, maxRounds: 3 });
  return { prevalence, scheme: result.scheme, parameters: result.parameters, expectedTestsPerPerson: round(result.expectedTestsPerPerson), target, met: round(result.expectedTestsPerPerson) <= target, capBound: round(result.capBound), entropyBound: round(result.entropyBound), ratioToCapBound: round(result.ratioToCapBound, 3) };
});

const simulationVsPlan = THREE_STAGE.map(([prevalence]) => {
  const result = simulate({ population, prevalence, householdSar: 0.3, maxPool: 10, maxRounds: 3, seed });
  return { prevalence, scheme: result.scheme, testsPerPerson: round(result.testsPerPerson), planned: round(result.expectedTestsPerPerson), relativeDifference: round(result.relativeDifference), met: Math.abs(result.relativeDifference) <= 0.03, rounds: result.rounds, sensitivity: result.sensitivity };
});

const householdVsMixed = THREE_STAGE.map(([prevalence]) => {
  const chosen = plan({ prevalence, maxPool: 10, maxRounds: 3, households });
  const design = chosen.design.kind === 'tree' && chosen.design.households ? chosen.design : null;
  if (!design) return { prevalence, note: `plan chose ${chosen.scheme}, not household-aware pooling` };
  const mixed: Design = { ...design, households: false };
  const people = buildPopulation(population, prevalence, households, createRandom(seed));
  const together = runDesign(people, design, createRandom(seed + 1)).testsPerPerson;
  const apart = runDesign(people, mixed, createRandom(seed + 1)).testsPerPerson;
  const independent = plan({ prevalence, maxPool: 10, maxRounds: 3 });
  return {
    prevalence, parameters: chosen.parameters, householdPools: round(together), mixedPools: round(apart), reduction: round(1 - together / apart, 3), met: together <= 0.9 * apart,
    plannedHousehold: round(chosen.expectedTestsPerPerson), plannedMixedBest: round(independent.expectedTestsPerPerson), plannedReduction: round(1 - chosen.expectedTestsPerPerson / independent.expectedTestsPerPerson, 3),
    target: round(0.9 * apart), capBound: round(independent.capBound), targetBelowFloor: 0.9 * apart < independent.capBound,
  };
});

process.stdout.write(`${JSON.stringify({ population, seed, planVsThreeStage, simulationVsPlan, householdVsMixed, seconds: round((performance.now() - started) / 1000, 1) }, null, 2)}\n`);
