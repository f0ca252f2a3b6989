import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { engines, testDatabase, type TestDatabase } from '../../testing/databases.js';
import { AppError } from '../../platform/errors.js';
import { importBoundaries, importUnits } from './import.js';
import { findUnit } from './repository.js';

const REAL_DISTRICTS = new URL('../../../../../shared/data/haugiang/haugiang-districts.geojson', import.meta.url);
const hasRealBoundaries = fs.existsSync(REAL_DISTRICTS);

const square = (lon: number, lat: number, size = 0.01) => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
});
const feature = (code: string, geometry: unknown) => ({ type: 'Feature', properties: { code }, geometry });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

for (const engine of engines()) {
  describe(`unit and boundary import (${engine})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await testDatabase(engine);
    });
    after(async () => database.drop());

    test('the real Hậu Giang district boundaries import and match all 8 districts', { skip: hasRealBoundaries ? false : 'no ../shared/data/haugiang here: real boundaries not tested' }, async () => {
      const result = await importBoundaries(database.db, JSON.parse(fs.readFileSync(REAL_DISTRICTS, 'utf8')));
      assert.deepEqual([...result.imported].sort(), ['930', '931', '932', '933', '934', '935', '936', '937']);
      assert.deepEqual(result.unmatchedFeatures, []);
      assert.ok(result.unitsWithoutBoundary.includes('93'), 'the province has no boundary in this file');
      const [row] = await database.db.query<{ inside: boolean }>(
        `SELECT ST_Contains(boundary, ST_SetSRID(ST_MakePoint(105.47, 9.78), 4326)) AS inside FROM units WHERE code = '930'`,
      );
      assert.equal(row!.inside, true, 'Vị Thanh city centre lies inside district 930');
      const unit = await findUnit(database.db, '930', true);
      assert.equal((unit!.geometry as { type: string }).type, 'MultiPolygon');
    });

    test('unmatched features are reported and the matched ones imported', async () => {
      const result = await importBoundaries(database.db, collection(feature('31321', square(105.45, 9.77)), feature('99999', square(106, 10))));
      assert.deepEqual(result.imported, ['31321']);
      assert.deepEqual(result.unmatchedFeatures, ['99999']);
      assert.ok(!result.unitsWithoutBoundary.includes('31321'));
    });

    test('a file with one invalid geometry changes nothing', async () => {
      const bowtie = { type: 'Polygon', coordinates: [[[105, 9], [105.1, 9.1], [105.1, 9], [105, 9.1], [105, 9]]] };
      const before = await findUnit(database.db, '31324', true);
      await assert.rejects(
        importBoundaries(database.db, collection(feature('31324', square(105.5, 9.8)), feature('31327', bowtie))),
        (error: unknown) => error instanceof AppError && /31327.*invalid geometry/i.test(error.message),
      );
      assert.deepEqual(await findUnit(database.db, '31324', true), before);
    });

    test('coordinates outside WGS84, a point geometry or a missing code are refused', async () => {
      await assert.rejects(importBoundaries(database.db, collection(feature('31324', square(580000, 1080000)))), /WGS84/);
      await assert.rejects(importBoundaries(database.db, collection(feature('31324', { type: 'Point', coordinates: [105, 9] }))), /Polygon or MultiPolygon/);
      await assert.rejects(importBoundaries(database.db, collection({ type: 'Feature', properties: {}, geometry: square(105, 9) })), /code is missing/);
      await assert.rejects(importBoundaries(database.db, { type: 'Feature' }), /FeatureCollection/);
    });

    test('another province\'s tree imports in one transaction, and a bad file changes nothing', async () => {
      const units = [
        { code: '92', name: 'Thành phố Cần Thơ', level: 'province', type: 'Thành phố', parentCode: null, population: 1235171 },
        { code: '916', name: 'Quận Ninh Kiều', level: 'district', type: 'Quận', parentCode: '92' },
        { code: '31117', name: 'Phường Cái Khế', level: 'commune', type: 'Phường', parentCode: '916' },
      ];
      const broken = [...units, { code: '31118', name: 'Orphan', level: 'commune', type: 'Xã', parentCode: '999' }];
      await assert.rejects(importUnits(database.db, { units: broken }), /31118.*parent/);
      assert.equal(await findUnit(database.db, '92'), null, 'nothing of the bad file was written');

      const result = await importUnits(database.db, { units });
      assert.deepEqual(result, { inserted: 3, updated: 0 });
      const [commune] = await database.db.query<{ path: string[] }>(`SELECT path FROM units WHERE code = '31117'`);
      assert.deepEqual(commune!.path, ['92', '916', '31117']);
    });
  });
}
