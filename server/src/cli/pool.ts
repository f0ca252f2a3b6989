// `vigil pool plan|simulate … [--json]` ⚑: the pool-design engine from the command line. Pure
// computation: no configuration is read and no database is opened (like `vigil levels`).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { HouseholdModel } from '../modules/testing/pooling/households.js';
import { plan, type Plan } from '../modules/testing/pooling/plan.js';
import { simulate } from '../modules/testing/pooling/simulate.js';
import { type CommandOutput, failure, refused } from './offline.js';

const USAGE = `vigil pool plan --prevalence P --max-pool K --max-rounds R [--household-sizes FILE] [--sensitivity S] [--json]
vigil pool simulate --population N --prevalence P --household-sar S --max-pool K --max-rounds R --seed X [--dilution D] [--json]
  --household-sizes  {"sizes": {"1": 0.10, "2": 0.18, …}, "secondaryAttackRate": 0.3} (shares of households by size)
  --json             one JSON document: the plan or simulation, or {error}`;


/** A number option; `flag` is the option's name as typed, for messages like "--max-pool: is required". */
function numberOption(values: Record<string, string | boolean | undefined>, flag: string, required = true): number | undefined {
  const raw = values[flag];
  if (raw === undefined) {
    if (required) throw failure(`--${flag}: is required\n${USAGE}`, { [flag]: 'is required' });
    return undefined;
  }
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value)) throw failure(`--${flag}: must be a number`, { [flag]: 'must be a number' });
  return value;
}

async function readHouseholds(file: string): Promise<HouseholdModel> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw failure(`--household-sizes: cannot read ${file} as JSON: ${(error as Error).message}`, { 'household-sizes': 'cannot be read as JSON' });
  }
  const { sizes, secondaryAttackRate = 0.3 } = (doc ?? {}) as { sizes?: unknown; secondaryAttackRate?: unknown };
  const valid = typeof sizes === 'object' && sizes !== null && Object.entries(sizes).length > 0 &&
    Object.entries(sizes).every(([size, share]) => /^[1-9][0-9]?$/.test(size) && typeof share === 'number' && share >= 0) &&
    Object.values(sizes).some((share) => (share as number) > 0);
  if (!valid) throw failure('--household-sizes: expected {"sizes": {"1": share, "2": share, …}} with sizes 1–99 and shares ≥ 0', { 'household-sizes': 'sizes must map household sizes to shares' });
  if (typeof secondaryAttackRate !== 'number' || secondaryAttackRate < 0 || secondaryAttackRate > 1) {
    throw failure('--household-sizes: secondaryAttackRate must be from 0 to 1', { 'household-sizes': 'secondaryAttackRate must be from 0 to 1' });
  }
  return { sizes: sizes as Record<string, number>, secondaryAttackRate };
}

/** The engine's range checks throw "field: reason"; the CLI names the flag instead. */
function flagged<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const [field = '', reason = error.message] = error.message.split(/: (.*)/s);
    const flag = field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    throw failure(`--${flag}: ${reason}`, { [flag]: reason });
  }
}

export function presentPlan(result: Plan) {
  const { scheme, stages, expectedTestsPerPerson, entropyBound, capBound, ratioToCapBound, parameters, candidates } = result;
  return { scheme, stages, expectedTestsPerPerson, entropyBound, capBound, ratioToCapBound, parameters, candidates };
}

async function planCommand(argv: string[]) {
  const { values } = parseArgs({ args: argv, strict: true, options: {
    prevalence: { type: 'string' }, 'max-pool': { type: 'string' }, 'max-rounds': { type: 'string' },
    'household-sizes': { type: 'string' }, sensitivity: { type: 'string' }, json: { type: 'boolean' },
  } });
  const households = values['household-sizes'] ? await readHouseholds(values['household-sizes']) : undefined;
  const input = {
    prevalence: numberOption(values, 'prevalence')!, maxPool: numberOption(values, 'max-pool')!, maxRounds: numberOption(values, 'max-rounds')!,
    sensitivity: numberOption(values, 'sensitivity', false) ?? 1, ...(households ? { households } : {}),
  };
  return presentPlan(flagged(() => plan(input)));
}

function simulateCommand(argv: string[]) {
  const { values } = parseArgs({ args: argv, strict: true, options: {
    population: { type: 'string' }, prevalence: { type: 'string' }, 'household-sar': { type: 'string' }, 'max-pool': { type: 'string' },
    'max-rounds': { type: 'string' }, seed: { type: 'string' }, dilution: { type: 'string' }, json: { type: 'boolean' },
  } });
  const input = {
    population: numberOption(values, 'population')!, prevalence: numberOption(values, 'prevalence')!, householdSar: numberOption(values, 'household-sar')!,
    maxPool: numberOption(values, 'max-pool')!, maxRounds: numberOption(values, 'max-rounds')!, seed: numberOption(values, 'seed')!,
    dilution: numberOption(values, 'dilution', false) ?? 0,
  };
  return flagged(() => simulate(input));
}

const text = (value: Record<string, unknown>) => Object.entries(value)
  .filter(([, v]) => typeof v !== 'object')
  .map(([k, v]) => `${k.padEnd(24)} ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : String(v)}`).join('\n');

/** Runs `vigil pool …` (argv after "pool"); resolves to the process exit code. */
export async function poolCommand(argv: string[], io: CommandOutput = process): Promise<number> {
  const json = argv.includes('--json');
  const [subcommand, ...rest] = argv;
  try {
    if (subcommand === '--help' || subcommand === '-h' || subcommand === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    let result: Record<string, unknown>;
    if (subcommand === 'plan') result = await planCommand(rest);
    else if (subcommand === 'simulate') result = { ...simulateCommand(rest) };
    else throw failure(`unknown pool command "${subcommand ?? ''}"\n${USAGE}`);
    io.stdout.write(json ? `${JSON.stringify(result)}\n` : `${text(result)}\n`);
    return 0;
  } catch (error) {
    return refused(error, io, json, 'pool');
  }
}
