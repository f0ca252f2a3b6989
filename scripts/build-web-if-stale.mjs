// npm start builds the web app only when its sources are newer than the last build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const web = path.resolve(import.meta.dirname, '../web');
const built = path.join(web, 'dist/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

const sources = Math.max(newest(path.join(web, 'src')), ...['index.html', 'vite.config.ts', 'package.json'].filter((f) => fs.existsSync(path.join(web, f))).map((f) => fs.statSync(path.join(web, f)).mtimeMs));
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  const result = spawnSync('npm', ['run', '--silent', 'build', '-w', 'web'], { stdio: 'inherit', cwd: path.resolve(web, '..') });
  process.exit(result.status ?? 1);
}
