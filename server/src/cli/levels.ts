// `vigil levels assess --rules FILE_OR_ID --input FILE [--json]` ⚑: computes epidemic levels
// from a JSON file without touching the database (no connection is opened, no config is read).
// Rule set ids resolve to the built-in rule sets; anything else is read as a rule-set file.
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { assessDocument, type AssessmentDocument, LevelInputError } from '../modules/levels/engine.js';
import { builtInRuleSet, builtInRuleSets, parseRuleSet, type RuleSet } from '../modules/levels/rules.js';
import { AppError, type FieldErrors } from '../platform/errors.js';
import { type CommandOutput, failure, refused } from './offline.js';

const USAGE = `vigil levels assess --rules FILE_OR_ID --input FILE [--json]
  --rules   a built-in rule set id ({ids}) or a rule-set JSON file
  --input   {"week": "2021-W45", "units": [...]}, or - to read standard input
  --json    print one JSON document: {week, ruleSet, results} or {error}`;

const usage = () => USAGE.replace('{ids}', builtInRuleSets().map((rules) => rules.id).join(', '));

async function readJson(file: string, field: string): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? fs.readFileSync(0, 'utf8') : await readFile(file, 'utf8');
  } catch (error) {
    throw failure(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { [field]: 'cannot be read' });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw failure(`${file} is not valid JSON: ${(error as Error).message}`, { [field]: 'is not valid JSON' });
  }
}

async function resolveRules(value: string): Promise<RuleSet> {
  const builtIn = builtInRuleSet(value);
  if (builtIn) return builtIn;
  if (!fs.existsSync(value)) {
    throw failure(`--rules: "${value}" is neither a built-in rule set (${builtInRuleSets().map((r) => r.id).join(', ')}) nor a file; ` +
      'rule sets created in a running Vigil are not available here: export one to a file first', { rules: 'is not a known rule set or file' });
  }
  try {
    return parseRuleSet(await readJson(value, 'rules'), 'rules');
  } catch (error) {
    if (error instanceof AppError) throw failure(`--rules ${value}: ${error.message}`, error.fields);
    throw error;
  }
}

/** Field names as paths into the input file: units[3].adultsFirstDoseShare. */
function inputFields(error: LevelInputError): FieldErrors {
  const fields: FieldErrors = {};
  for (const problem of error.problems) {
    const name = problem.index < 0 ? problem.field : `units[${problem.index}].${problem.field}`;
    fields[name] ??= problem.index < 0 || !problem.code ? problem.reason : `${problem.reason} (unit ${problem.code})`;
  }
  return fields;
}

async function assess(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { rules: { type: 'string' }, input: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  if (!values.rules || !values.input) {
    throw failure('name the rule set and the input: --rules FILE_OR_ID --input FILE', {
      ...(values.rules ? {} : { rules: 'is required' }), ...(values.input ? {} : { input: 'is required' }),
    });
  }
  const rules = await resolveRules(values.rules);
  const doc = await readJson(values.input, 'input');
  try {
    return assessDocument(rules, doc);
  } catch (error) {
    if (error instanceof LevelInputError) throw failure(error.message, inputFields(error));
    throw error;
  }
}

function printTable(out: CommandOutput['stdout'], result: AssessmentDocument) {
  out.write(`week ${result.week}, rule set ${result.ruleSet}\n`);
  for (const unit of result.results) {
    out.write(`${unit.code.padEnd(8)} level ${unit.level} ${unit.colour.padEnd(6)} ${String(unit.casesPer100k).padStart(8)} per 100,000  band ${unit.band}\n`);
    for (const reason of unit.reasons) out.write(`           - ${reason.text}\n`);
  }
}

/** Runs `vigil levels …` (argv after "levels"); resolves to the process exit code. */
export async function levelsCommand(argv: string[], io: CommandOutput = process): Promise<number> {
  const json = argv.includes('--json');
  const [subcommand, ...rest] = argv;
  try {
    if (subcommand === '--help' || subcommand === '-h' || subcommand === 'help') {
      io.stdout.write(`${usage()}\n`);
      return 0;
    }
    if (subcommand !== 'assess') throw failure(`unknown levels command "${subcommand ?? ''}"\n${usage()}`);
    const result = await assess(rest);
    if (json) {
      const results = result.results.map(({ code, level, colour, casesPer100k, band, reasons }) => ({ code, level, colour, casesPer100k, band, reasons: reasons.map((r) => r.text) }));
      io.stdout.write(`${JSON.stringify({ week: result.week, ruleSet: result.ruleSet, results })}\n`);
    } else printTable(io.stdout, result);
    return 0;
  } catch (error) {
    return refused(error, io, json, 'levels');
  }
}
