// Conformance with the member states' HCERT test vectors (../shared/data/dgc-testdata, read at
// test time and skipped when absent): every EXPECTED… result a vector sets is what Vigil gives,
// except where the vector cannot express the check (a stage it lacks) or is itself wrong
// (KNOWN_DISAGREEMENTS, each rule with the reason found).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { CHECKS, KNOWN_DISAGREEMENTS, loadVectors, NOT_CHECKED, StageMissing, TESTDATA, type Vector } from './conformance.testkit.js';

const present = fs.existsSync(TESTDATA);

function explain(vector: Vector, field: string, unexplained: string[], explained: Map<string, string[]>) {
  const known = KNOWN_DISAGREEMENTS.find(({ explains }) => explains(vector, field));
  if (!known) unexplained.push(`${vector.file} ${field}`);
  else explained.set(known.rule, [...(explained.get(known.rule) ?? []), `${vector.file} ${field.replace('EXPECTED', '')}`]);
}

describe('HCERT conformance (dgc-testdata)', { skip: present ? false : 'no ../shared/data/dgc-testdata here: the member states\' test vectors are not run' }, () => {
  test('every EXPECTED… result of every vector is what Vigil gives', async () => {
    const vectors = loadVectors();
    const perCountry = new Map<string, { files: number; checks: number; passed: number }>();
    const unexplained: string[] = [];
    const explained = new Map<string, string[]>();
    const inexpressible = new Map<string, string[]>();
    const unchecked = new Map<string, number>();
    for (const vector of vectors) {
      const tally = perCountry.get(vector.country) ?? { files: 0, checks: 0, passed: 0 };
      perCountry.set(vector.country, tally);
      tally.files++;
      for (const [field, expected] of Object.entries(vector.EXPECTEDRESULTS)) {
        const check = CHECKS[field];
        if (!check) {
          assert.ok(NOT_CHECKED[field], `${vector.file}: ${field} is neither checked nor listed as not checked`);
          unchecked.set(field, (unchecked.get(field) ?? 0) + 1);
          continue;
        }
        let given: boolean;
        try {
          given = await check(vector);
        } catch (error) {
          if (!(error instanceof StageMissing)) throw error;
          const key = `${field} without ${error.message}`;
          inexpressible.set(key, [...(inexpressible.get(key) ?? []), vector.file]);
          continue;
        }
        tally.checks++;
        if (given === expected) tally.passed++;
        else explain(vector, field, unexplained, explained);
      }
    }
    const lines = [...perCountry].map(([country, t]) => `  ${country.padEnd(7)} ${String(t.files).padStart(4)} files  ${String(t.passed).padStart(5)} of ${t.checks} results`);
    const total = [...perCountry.values()].reduce((sum, t) => ({ checks: sum.checks + t.checks, passed: sum.passed + t.passed }), { checks: 0, passed: 0 });
    console.log([
      `dgc-testdata: ${vectors.length} files, ${total.passed} of ${total.checks} results as expected (and known disagreements below)`,
      ...lines,
      `not expressible (the vector lacks the stage): ${[...inexpressible].map(([k, files]) => `${k} (${files.length}: ${files.join(', ')})`).join('; ') || 'none'}`,
      `fields not checked: ${[...unchecked].map(([f, n]) => `${f} (${n})`).join(', ') || 'none'}`,
      'known disagreements:',
      ...[...explained].map(([rule, cases]) => `  ${cases.length} × ${rule}\n    ${cases.join(', ')}`),
    ].join('\n'));
    assert.deepEqual(unexplained, [], 'results that differ from the vectors without a known reason');
  });
});
