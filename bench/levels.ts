// Epidemic-level engine and draft workflow.
//   node --import tsx bench/levels.ts                     PGlite (memory)
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/levels.ts   PostgreSQL (own database, dropped after)
// Prints one JSON line: engine timings (Hậu Giang's 84 units × 52 weeks; a national-size tree of
// 10,000 communes aggregated to districts and provinces) and, through the service functions on the
// database, entering a week's figures, computing the province draft, recomputing it, and publishing.
import { parseArgs } from 'node:util';
import type { Database } from '../server/src/db/database.js';
import { testDatabase } from '../server/src/testing/databases.js';
import { createRandom } from '../server/src/modules/demo/random.js';
import { createDraft, publishAssessment } from '../server/src/modules/levels/assessments.js';
import { assessUnits } from '../server/src/modules/levels/engine.js';
import { builtInRuleSet } from '../server/src/modules/levels/rules.js';
import { saveInputs } from '../server/src/modules/levels/service.js';
import { listUnits } from '../server/src/modules/units/service.js';
import { SYSTEM_ACTOR } from '../server/src/platform/actor.js';
import { createEventBus } from '../server/src/platform/events.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' }, communes: { type: 'string', default: '10000' } } });
const runs = Number(values.runs);
const rules = builtInRuleSet('qd-4800-2021')!;
const random = createRandom(4800);

const figures = (code: string, parent: string, cases: number) => ({
  code, level: 'commune', parent, population: random.int(3_000, 30_000), newCommunityCases7d: cases,
  adultsFirstDoseShare: random.normal(0.8, 0.1, 0, 1), elderlyFullDoseShare: random.normal(0.82, 0.08, 0, 1), capacityMet: random.chance(0.9), previousLevel: random.int(1, 4),
});

function timeMs(fn: () => unknown, times = 1): number {
  const start = performance.now();
  for (let i = 0; i < times; i++) fn();
  return Number(((performance.now() - start) / times).toFixed(3));
}

/** A fresh database with migrations and units (the tests' template): PGlite, or PostgreSQL when DATABASE_URL is set. */
async function open(): Promise<{ db: Database; engine: string; cleanup: () => Promise<void> }> {
  const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const database = await testDatabase(engine);
  return { db: database.db, engine, cleanup: () => database.drop() };
}


const { db, engine, cleanup } = await open();
try {
  const units = await listUnits(db, {});
  const tree = () => units.map((u) => (u.level === 'commune' ? figures(u.code, u.parentCode!, random.int(0, 40)) : { code: u.code, level: u.level, parent: u.parentCode, capacityMet: true, previousLevel: 2 }));

  // Engine alone: a year of weeks for the province, and a national-size tree.
  const year = Array.from({ length: 52 }, tree);
  const haugiangYearMs = timeMs(() => year.forEach((week) => assessUnits(rules, week)), 5);
  const communes = Number(values.communes);
  const national: Record<string, unknown>[] = [];
  for (let p = 0; p < 63; p++) national.push({ code: `p${p}`, level: 'province', parent: null, capacityMet: true });
  for (let d = 0; d < 700; d++) national.push({ code: `d${d}`, level: 'district', parent: `p${d % 63}`, capacityMet: true });
  for (let c = 0; c < communes; c++) national.push(figures(`c${c}`, `d${c % 700}`, random.int(0, 60)));
  const nationalMs = timeMs(() => assessUnits(rules, national), 5);

  // Through the service on the database: a week's figures for the 84 units, the draft, again, publish.
  const actor = { ...SYSTEM_ACTOR, role: 'health_officer' as const, unitCode: '93' };
  const week = tree().map(({ level: _l, parent: _p, ...unit }) => unit);
  let start = performance.now();
  await saveInputs(db, actor, '2021-W45', { units: week });
  const saveInputsMs = Number((performance.now() - start).toFixed(1));
  start = performance.now();
  const draft = await createDraft(db, actor, { week: '2021-W45' });
  const firstDraftMs = Number((performance.now() - start).toFixed(1));
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    start = performance.now();
    await createDraft(db, actor, { week: '2021-W45' });
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  start = performance.now();
  await publishAssessment(db, actor, draft.id, { effectiveFrom: '2021-11-15' }, createEventBus());
  const publishMs = Number((performance.now() - start).toFixed(1));

  process.stdout.write(`${JSON.stringify({
    engine,
    engineOnly: { haugiang84UnitsX52WeeksMs: haugiangYearMs, nationalUnits: national.length, nationalTreeMs: nationalMs },
    service: {
      units: draft.results.length, saveInputsMs, firstDraftMs,
      recomputeDraftMs: { p50: Number(samples[Math.floor(runs / 2)]!.toFixed(1)), max: Number(samples.at(-1)!.toFixed(1)), runs }, publishMs,
    },
  })}\n`);
} finally {
  await cleanup();
}
