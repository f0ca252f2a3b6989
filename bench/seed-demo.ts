// Times `seedDemo` on a fresh in-memory PGlite database, once per scale.
//   node --import tsx bench/seed-demo.ts                 scales 1 and 5
//   node --import tsx bench/seed-demo.ts --scale 1       one scale (repeat --scale for several)
// Prints one JSON line per scale: {scale, people, seconds, rowsPerSecond, rssMB, ...}.
import { parseArgs } from 'node:util';
import type { Database } from '../server/src/db/database.js';
import { migrate } from '../server/src/db/migrate.js';
import { openPglite } from '../server/src/db/pglite.js';
import { seedDemo } from '../server/src/modules/demo/seed.js';
import { seedUnits } from '../server/src/modules/units/seed.js';

const { values } = parseArgs({
  options: { scale: { type: 'string', multiple: true }, seed: { type: 'string', default: '2021' } },
});
const scales = (values.scale ?? ['1', '5']).map(Number);
const seed = Number(values.seed);
if (scales.some((s) => !(s > 0)) || !Number.isInteger(seed)) {
  process.stderr.write('usage: seed-demo.ts [--scale N]… [--seed S]\n');
  process.exit(2);
}

async function rowCount(db: Database, table: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row!.n;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

for (const scale of scales) {
  const db = await openPglite('memory://');
  try {
    const setupStart = performance.now();
    await migrate(db);
    await seedUnits(db);
    const setupSeconds = (performance.now() - setupStart) / 1000;
    const rssBefore = process.memoryUsage().rss;

    const start = performance.now();
    const result = await seedDemo(db, { seed, scale });
    const seconds = (performance.now() - start) / 1000;

    const rows =
      result.people + result.households + result.organisations +
      (await rowCount(db, 'household_members')) + (await rowCount(db, 'organisation_members'));
    process.stdout.write(`${JSON.stringify({
      scale,
      people: result.people,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(rows / seconds),
      rssMB: mb(process.memoryUsage().rss),
      // PGlite's in-memory database with PostGIS alone holds about 1.1 GB; this is before seeding.
      rssBeforeMB: mb(rssBefore),
      rows,
      households: result.households,
      organisations: result.organisations,
      peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
      setupSeconds: Number(setupSeconds.toFixed(2)),
    })}\n`);
  } finally {
    await db.close();
  }
}
