// Run once before the test files (scripts/run-tests.mjs): builds the database templates they copy.
import { engines, preparePgliteTemplate, preparePostgresTemplate } from './databases.js';

const started = Date.now();
for (const engine of engines()) {
  if (engine === 'pglite') await preparePgliteTemplate();
  else await preparePostgresTemplate();
}
process.stdout.write(`test databases ready (${engines().join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
