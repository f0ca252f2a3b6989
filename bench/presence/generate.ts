// Deterministic, realistic venues, people and check-ins at any scale, for the check-in and
// tracing benchmarks. Same seed and inputs, same rows, on every machine.
//
//   const venues = generateVenues(seed, 50_000, communes);
//   const people = planPeople(seed, 1_000_000, communes);       // addressable by index
//   for (const person of generatePeople(people)) …              // streamed
//   for (const checkin of generateCheckins(seed, { venues, people, start: '2021-10-25', days: 20, total: 10_000_000 })) …
//
// Check-ins come in time order and nothing grows with the total (10 million take no more
// memory than ten thousand). As a script it prints a summary of the shape:
//   node --import tsx bench/presence/generate.ts [--rows 100000] [--venues N] [--people N] [--days 20]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { type PresenceCommune, localDateDaysAgo } from './common.js';
import { generateCheckins } from './checkins.js';
import { planPeople } from './people.js';
import { generateVenues } from './venues.js';

export type { PresenceCommune } from './common.js';
export { generateVenues, type GeneratedVenue } from './venues.js';
export { planPeople, generatePeople, type PeoplePlan, type GeneratedPerson } from './people.js';
export { generateCheckins, type CheckinOptions, type GeneratedCheckin } from './checkins.js';

/** Sizes that go together: venues and people in proportion to the number of check-ins. */
export interface PresenceScale {
  seed: number;
  rows: number;
  venues: number;
  people: number;
  days: number;
  /** Local date of the first day. */
  start: string;
}

/**
 * Defaults for `rows` check-ins: one venue per 200 check-ins (at least 100) and one person per
 * 10 (at least 1,000), over the 20 days ending yesterday: inside the default retention period
 * (21 days), so a running server purges none of them, and none lies in the future.
 */
export function presenceScale(rows: number, overrides: Partial<PresenceScale> = {}): PresenceScale {
  const days = overrides.days ?? 20;
  return {
    seed: 2021,
    rows,
    venues: Math.max(100, Math.round(rows / 200)),
    people: Math.max(1000, Math.round(rows / 10)),
    days,
    start: localDateDaysAgo(days),
    ...overrides,
  };
}

/** Hậu Giang's communes from the unit seed (what test databases hold). */
export function hauGiangCommunes(): PresenceCommune[] {
  const file = new URL('../../server/src/modules/units/seed/haugiang-units.json', import.meta.url);
  const list = (JSON.parse(fs.readFileSync(file, 'utf8')) as { units: { code: string; level: string; parentCode?: string | null; shortName?: string; population?: number | null }[] }).units;
  return list.filter((u) => u.level === 'commune').map((u) => ({ code: u.code, districtCode: u.parentCode ?? null, population: u.population ?? null, shortName: u.shortName }));
}

function summarise() {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, venues: { type: 'string' }, people: { type: 'string' }, days: { type: 'string' } } });
  const scale = presenceScale(Number(values.rows), {
    ...(values.venues ? { venues: Number(values.venues) } : {}),
    ...(values.people ? { people: Number(values.people) } : {}),
    ...(values.days ? { days: Number(values.days) } : {}),
  });
  const communes = hauGiangCommunes();
  const venues = generateVenues(scale.seed, scale.venues, communes);
  const people = planPeople(scale.seed, scale.people, communes);
  const started = performance.now();
  const byKind: Record<string, number> = {};
  const byLocalHour = new Array<number>(24).fill(0);
  const perPerson = new Map<number, number>();
  const personDays = new Map<string, number>();
  let checkedOut = 0;
  let last = -Infinity;
  let rows = 0;
  for (const checkin of generateCheckins(scale.seed, { venues, people, start: scale.start, days: scale.days, total: scale.rows })) {
    if (checkin.checkedInAt < last) throw new Error(`out of order at ${checkin.seq}`);
    last = checkin.checkedInAt;
    rows++;
    const kind = venues[checkin.venueIndex]!.kind;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    byLocalHour[new Date(checkin.checkedInAt + 7 * 3_600_000).getUTCHours()]! += 1;
    if (checkin.checkedOutAt !== null) checkedOut++;
    if (rows <= 2_000_000) {
      perPerson.set(checkin.personIndex, (perPerson.get(checkin.personIndex) ?? 0) + 1);
      const key = `${checkin.personIndex}/${Math.floor((checkin.checkedInAt + 7 * 3_600_000) / 86_400_000)}`;
      personDays.set(key, (personDays.get(key) ?? 0) + 1);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const counts = [...perPerson.values()].sort((a, b) => b - a);
  const multi = [...personDays.values()].filter((n) => n > 1).length;
  process.stdout.write(`${JSON.stringify({
    scale, rows, seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(rows / seconds),
    rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
    checkedOutShare: Number((checkedOut / rows).toFixed(3)),
    byKind, byLocalHour,
    people: { active: counts.length, top: counts.slice(0, 5), median: counts[Math.floor(counts.length / 2)] },
    personDaysWithSeveralVisits: Number((multi / personDays.size).toFixed(3)),
  }, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) summarise();
