import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { poolCommand } from './pool.js';

/** Runs `vigil pool …` in-process, capturing what it prints. */
async function pool(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await poolCommand(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr, json: stdout.trim().startsWith('{') ? JSON.parse(stdout) : null };
}

describe('vigil pool', () => {
  test('plan --json prints the chosen scheme with its bounds', async () => {
    const { code, json } = await pool('plan', '--prevalence', '0.01', '--max-pool', '10', '--max-rounds', '3', '--json');
    assert.equal(code, 0);
    assert.equal(json.scheme, 'hierarchical-3');
    assert.equal(json.stages, 3);
    assert.equal(json.expectedTestsPerPerson.toFixed(4), '0.1623');
    assert.equal(json.capBound.toFixed(4), '0.1090');
    assert.ok(Math.abs(json.entropyBound - 0.0808) < 1e-4);
    assert.equal(json.ratioToCapBound, json.expectedTestsPerPerson / json.capBound);
    assert.ok(json.candidates.some((c: any) => c.scheme === 'array-master'));
  });

  test('plan with a household-sizes file considers household-aware pooling', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-pool-')), 'households.json');
    fs.writeFileSync(file, JSON.stringify({ sizes: { 1: 0.1, 2: 0.18, 3: 0.22, 4: 0.26, 5: 0.13, 6: 0.07, 7: 0.04 }, secondaryAttackRate: 0.3 }));
    const { code, json } = await pool('plan', '--prevalence', '0.02', '--max-pool', '10', '--max-rounds', '3', '--household-sizes', file, '--json');
    assert.equal(code, 0);
    assert.equal(json.scheme, 'household');
  });

  test('simulate --json reports tests per person, rounds and sensitivity', async () => {
    const { code, json } = await pool('simulate', '--population', '20000', '--prevalence', '0.01', '--household-sar', '0.3', '--max-pool', '10', '--max-rounds', '3', '--seed', '7', '--dilution', '1', '--json');
    assert.equal(code, 0);
    assert.equal(json.population, 20000);
    assert.ok(json.rounds <= 3);
    assert.ok(json.sensitivity > 0.8 && json.sensitivity <= 1);
    assert.equal(json.falsePositives, 0);
    assert.ok(json.testsPerPerson > 0.1 && json.testsPerPerson < 0.2);
  });

  test('a missing option is named, with exit code 2', async () => {
    const { code, json, stderr } = await pool('plan', '--prevalence', '0.01', '--max-rounds', '3', '--json');
    assert.equal(code, 2);
    assert.deepEqual(json.error.fields, { 'max-pool': 'is required' });
    assert.match(stderr, /--max-pool: is required/);
  });

  test('an out-of-range value names its flag', async () => {
    const { code, json } = await pool('plan', '--prevalence', '1.5', '--max-pool', '10', '--max-rounds', '3', '--json');
    assert.equal(code, 2);
    assert.equal(json.error.code, 'validation_failed');
    assert.deepEqual(Object.keys(json.error.fields), ['prevalence']);
  });

  test('an unknown option or subcommand is refused', async () => {
    assert.equal((await pool('plan', '--prevalence', '0.01', '--pool-max', '10')).code, 2);
    assert.equal((await pool('optimise')).code, 2);
  });

  test('plan without --json prints a readable summary', async () => {
    const { code, stdout } = await pool('plan', '--prevalence', '0.05', '--max-pool', '10', '--max-rounds', '3');
    assert.equal(code, 0);
    assert.match(stdout, /scheme\s+hierarchical-3/);
  });
});
