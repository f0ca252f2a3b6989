// `vigil levels assess` ⚑: in-process (output captured) for each case, and once as a child process.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { levelsCommand } from '../../cli/levels.js';
import { builtInRuleSet } from './rules.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const EXAMPLE = {
  week: '2021-W45',
  units: [{ code: '93001', level: 'commune', parent: '930', population: 8000, newCommunityCases7d: 3, adultsFirstDoseShare: 0.82, elderlyFullDoseShare: 0.85, capacityMet: true, previousLevel: 2 }],
};

async function vigilLevels(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await levelsCommand(argv, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}

describe('vigil levels assess', () => {
  let dir: string;
  const file = (name: string, content: unknown) => {
    const target = path.join(dir, name);
    fs.writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
    return target;
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-levels-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('--json prints exactly the shape of the issue for its example', async () => {
    const { code, stdout } = await vigilLevels('assess', '--rules', 'qd-4800-2021', '--input', file('example.json', EXAMPLE), '--json');
    assert.equal(code, 0);
    const output = JSON.parse(stdout);
    assert.deepEqual(Object.keys(output), ['week', 'ruleSet', 'results']);
    assert.equal(output.week, '2021-W45');
    assert.equal(output.ruleSet, 'qd-4800-2021');
    assert.equal(output.results.length, 1);
    const [result] = output.results;
    assert.deepEqual(Object.keys(result), ['code', 'level', 'colour', 'casesPer100k', 'band', 'reasons']);
    assert.deepEqual({ ...result, reasons: undefined }, { code: '93001', level: 2, colour: 'yellow', casesPer100k: 37.5, band: 2, reasons: undefined });
    assert.ok(result.reasons.length >= 2 && result.reasons.every((reason: unknown) => typeof reason === 'string'));
    assert.match(result.reasons[0], /37\.5 new community cases per 100,000/);
  });

  test('district and province without their own figures are aggregated; results keep the input order', async () => {
    const input = {
      week: '2021-W45',
      units: [
        { code: '93', level: 'province', capacityMet: true },
        { code: '930', level: 'district', parent: '93', capacityMet: true },
        ...[0, 1].map((i) => ({ ...EXAMPLE.units[0], code: `9300${i + 1}`, newCommunityCases7d: 10 * i })),
      ],
    };
    const { code, stdout } = await vigilLevels('assess', '--rules', 'qd-4800-2021', '--input', file('tree.json', input), '--json');
    assert.equal(code, 0);
    const results = JSON.parse(stdout).results;
    assert.deepEqual(results.map((r: { code: string }) => r.code), ['93', '930', '93001', '93002']);
    assert.equal(results[0].casesPer100k, 62.5, '10 cases in 16,000');
    assert.equal(results[0].band, 3);
    assert.match(results[1].reasons.join(' '), /figures of 2 units under 930 added up/);
  });

  test('a missing indicator: exit code 2 and a JSON error naming the unit and the field', async () => {
    const { elderlyFullDoseShare: _e, ...unit } = EXAMPLE.units[0]!;
    const { code, stdout, stderr } = await vigilLevels('assess', '--rules', 'qd-4800-2021', '--input', file('missing.json', { ...EXAMPLE, units: [unit] }), '--json');
    assert.equal(code, 2);
    const { error } = JSON.parse(stdout);
    assert.deepEqual(Object.keys(error), ['code', 'message', 'fields']);
    assert.equal(error.code, 'validation_failed');
    assert.match(error.message, /93001.*elderlyFullDoseShare/);
    assert.deepEqual(Object.keys(error.fields), ['units[0].elderlyFullDoseShare']);
    assert.match(error.fields['units[0].elderlyFullDoseShare'], /missing.*93001/);
    assert.match(stderr, /elderlyFullDoseShare/);
  });

  test('a rule-set file is read and validated', async () => {
    const strict = { ...builtInRuleSet('qd-4800-2021')!, id: 'test-strict', caseBands: [10, 30, 100] };
    const ok = await vigilLevels('assess', '--rules', file('strict.json', strict), '--input', file('e2.json', EXAMPLE), '--json');
    assert.equal(ok.code, 0);
    assert.equal(JSON.parse(ok.stdout).ruleSet, 'test-strict');
    assert.equal(JSON.parse(ok.stdout).results[0].band, 3, '37.5 is band 3 from 30 on');
    const bad = await vigilLevels('assess', '--rules', file('bad.json', { ...strict, caseBands: [30, 10, 100] }), '--input', file('e3.json', EXAMPLE), '--json');
    assert.equal(bad.code, 2);
    assert.ok('rules.caseBands' in JSON.parse(bad.stdout).error.fields);
  });

  test('an unknown rule set, an unreadable or malformed input and a bad week are exit code 2 with the field named', async () => {
    const cases: [string[], string][] = [
      [['--rules', 'qd-9999', '--input', file('e4.json', EXAMPLE)], 'rules'],
      [['--rules', 'qd-4800-2021', '--input', path.join(dir, 'absent.json')], 'input'],
      [['--rules', 'qd-4800-2021', '--input', file('broken.json', '{ "week": ')], 'input'],
      [['--rules', 'qd-4800-2021', '--input', file('week.json', { ...EXAMPLE, week: '2021-45' })], 'week'],
      [['--input', file('e5.json', EXAMPLE)], 'rules'],
    ];
    for (const [args, field] of cases) {
      const { code, stdout } = await vigilLevels('assess', ...args, '--json');
      assert.equal(code, 2, args.join(' '));
      const { error } = JSON.parse(stdout);
      assert.equal(error.code, 'validation_failed');
      assert.ok(field in error.fields, `${args.join(' ')} names ${field}: ${JSON.stringify(error.fields)}`);
    }
  });

  test('without --json it prints a readable table; an unknown subcommand is exit code 2', async () => {
    const { code, stdout } = await vigilLevels('assess', '--rules', 'qd-4800-2021', '--input', file('e6.json', EXAMPLE));
    assert.equal(code, 0);
    assert.match(stdout, /93001 +level 2 yellow/);
    const unknown = await vigilLevels('frobnicate');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown levels command/);
  });

  test('as a child process, with no database reachable (it must not need one)', async () => {
    const entry = ['server/src/cli/main.ts', 'levels'];
    const env = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DATA_DIR: path.join(dir, 'no-such-dir', 'x') };
    const run = (args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', ...entry, ...args], { cwd: ROOT, env })
      .then(({ stdout }) => ({ code: 0, stdout }), (error: unknown) => error as { code: number; stdout: string });
    const ok = await run(['assess', '--rules', 'qd-4800-2021', '--input', file('child.json', EXAMPLE), '--json']);
    assert.equal(ok.code, 0);
    assert.equal(JSON.parse(ok.stdout).results[0].casesPer100k, 37.5);
    const failed = await run(['assess', '--rules', 'qd-4800-2021', '--input', file('child-bad.json', { ...EXAMPLE, units: [{ code: '93001', level: 'commune' }] }), '--json']);
    assert.equal(failed.code, 2);
    assert.equal(JSON.parse(failed.stdout).error.code, 'validation_failed');
    assert.ok(!fs.existsSync(path.join(dir, 'no-such-dir')), 'no database folder was created');
  });
});
