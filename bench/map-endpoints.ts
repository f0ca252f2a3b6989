// Requests per second of the public map data endpoints, with autocannon on loopback against
// the real app (buildApp) on a test database holding a province's worth of map data:
// 300 places, 20 zones, 90 days of figures for every commune.
//   node --import tsx bench/map-endpoints.ts [--seconds 10] [--connections 20]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/map-endpoints.ts
// Prints one JSON document: requests/s, latency p50/p99 (ms) and non-2xx/304 counts per endpoint.
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import type { Database } from '../server/src/db/database.js';
import { SYSTEM_ACTOR } from '../server/src/platform/actor.js';
import { testDatabase } from '../server/src/testing/databases.js';
import { createPlace } from '../server/src/modules/places/service.js';
import { saveFigures } from '../server/src/modules/stats/service.js';
import { listUnits } from '../server/src/modules/units/service.js';
import { createZone } from '../server/src/modules/zones/service.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '20' } } });
const seconds = Math.min(Number(values.seconds), 60);
const connections = Number(values.connections);

async function seed(db: Database) {
  const communes = (await listUnits(db, { level: 'commune' })).filter((unit) => unit.code.startsWith('31')).slice(0, 40);
  const kinds = ['testing_site', 'vaccination_site', 'quarantine_facility', 'hospital', 'health_centre', 'checkpoint'] as const;
  for (let i = 0; i < 300; i++) {
    await createPlace(db, SYSTEM_ACTOR, {
      kind: kinds[i % kinds.length]!, name: `Điểm ${i}`, communeCode: communes[i % communes.length]!.code,
      lat: 9.6 + (i % 20) * 0.02, lon: 105.35 + Math.floor(i / 20) * 0.04, address: `${i} Đường 3/2`, capacity: 100,
    });
  }
  for (let i = 0; i < 20; i++) {
    const lon = 105.4 + i * 0.02;
    await createZone(db, SYSTEM_ACTOR, {
      kind: i % 2 ? 'lockdown' : 'isolation', name: `Khu ${i}`, unitCode: communes[i]!.code, startsOn: '2021-07-01',
      geometry: { type: 'Polygon', coordinates: [[[lon, 9.75], [lon + 0.01, 9.75], [lon + 0.01, 9.76], [lon, 9.76], [lon, 9.75]]] },
    });
  }
  const items = [];
  for (let day = 0; day < 90; day++) {
    const date = new Date(Date.UTC(2021, 6, 1 + day)).toISOString().slice(0, 10);
    for (const commune of communes) items.push({ unitCode: commune.code, date, confirmedCommunity: (day * 7 + commune.code.length) % 13, confirmedQuarantine: day % 3, source: 'bench' });
  }
  await saveFigures(db, SYSTEM_ACTOR, items);
}

const database = await testDatabase(process.env.DATABASE_URL ? 'postgres' : 'pglite');
await seed(database.db);
const app = await buildApp(database.db, loadConfig({ VIGIL_LOG_LEVEL: 'silent', VIGIL_WEB_DIST: '/nonexistent' }));
const address = await app.listen({ host: '127.0.0.1', port: 0 });

const endpoints = [
  '/api/v1/open/places.geojson',
  '/api/v1/open/zones.geojson?date=2021-08-15',
  '/api/v1/open/levels.geojson',
  '/api/v1/open/stats.csv',
  '/api/v1/places?kind=testing_site&bbox=105.3,9.5,106,10',
  '/api/v1/places/nearby?lat=9.78&lon=105.47&date=2021-08-15',
  '/api/v1/zones?date=2021-08-15',
  '/api/v1/stats/daily?date=2021-08-15&level=district',
];
const results: Record<string, unknown> = {};
for (const path of endpoints) {
  const result = await autocannon({ url: `${address}${path}`, connections, duration: seconds });
  results[path] = {
    requestsPerSecond: Math.round(result.requests.average), latencyP50Ms: result.latency.p50, latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx, errors: result.errors, bytesPerRequest: Math.round(result.throughput.average / Math.max(result.requests.average, 1)),
  };
}
await app.close();
await database.drop();
process.stdout.write(`${JSON.stringify({ engine: database.db.kind, seconds, connections, results }, null, 2)}\n`);
