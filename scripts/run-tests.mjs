// npm test: builds the web app, prepares database templates once, then runs every test file
// (server unit/HTTP tests and browser tests) with node's test runner.
// Every database test runs on PGlite, and on PostgreSQL too when DATABASE_URL is set.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function testFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => path.join(path.relative(root, dir), name))
    .sort();
}

const files = only.length > 0 ? only : [...testFiles(path.join(root, 'server/src')), ...testFiles(path.join(root, 'web/e2e'))];
if (files.some((file) => file.startsWith('web/'))) run('npm', ['run', '--silent', 'build:web']);
run(process.execPath, ['--import', 'tsx', 'server/src/testing/prepare.ts']);
// A hung test fails after 10 minutes instead of running into CI's limit.
run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', ...files]);
