import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildVenue, codeOfUrl } from './factories.js';

for (const engine of engines()) {
  describe(`venues (${engine})`, () => {
    const t = withTestApp(engine, { VIGIL_PUBLIC_URL: 'https://covid.haugiang.example' });
    const create = async (body: unknown, token = t().adminToken) => t().request('POST', '/api/v1/venues', { token, body });

    test('POST /api/v1/venues answers 201 with an id and a QR URL whose code opens the venue publicly', async () => {
      const { status, body } = await create({ name: 'Chợ Vị Thanh', kind: 'market', communeCode: '31321', location: { lat: 9.7843, lon: 105.4701 } });
      assert.equal(status, 201);
      assert.match(body.id, /^[0-9a-f-]{36}$/);
      assert.equal(body.defaultDwellMinutes, 60);
      assert.equal(body.communeName, 'Phường III');
      assert.match(body.qrUrl, /^https:\/\/covid\.haugiang\.example\/v\/[A-Za-z0-9_-]{40,50}$/);
      const scanned = await t().request('GET', `/api/v1/venues/by-code/${codeOfUrl(body.qrUrl)}`);
      assert.equal(scanned.status, 200);
      assert.deepEqual(scanned.body, { id: body.id, name: 'Chợ Vị Thanh', kind: 'market', address: null, communeName: 'Phường III', defaultDwellMinutes: 60, status: 'active' });
      const [audit] = await t().db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'venue' AND entity_id = $1`, [body.id]);
      assert.equal(audit?.action, 'create');
    });

    test('a forged or altered code is refused with 400 naming the code', async () => {
      const { body } = await create(buildVenue());
      const code = codeOfUrl(body.qrUrl);
      const altered = `${code.slice(0, 10)}${code[10] === 'A' ? 'B' : 'A'}${code.slice(11)}`;
      for (const bad of [altered, 'not-a-code-at-all-but-long-enough', code.slice(0, -2)]) {
        const response = await t().request('GET', `/api/v1/venues/by-code/${bad}`);
        assert.equal(response.status, 400, bad);
        assert.match(response.body.error.fields.code, /not a valid venue code/);
      }
    });

    test('reissuing a code revokes the printed one: the old code answers 400, the new one works', async () => {
      const { body: venue } = await create(buildVenue());
      const reissued = await t().request('POST', `/api/v1/venues/${venue.id}/reissue-code`, { token: t().adminToken, body: { reason: 'poster torn off and copied' } });
      assert.equal(reissued.status, 200);
      assert.equal(reissued.body.codeVersion, 2);
      assert.notEqual(reissued.body.qrUrl, venue.qrUrl);
      const old = await t().request('GET', `/api/v1/venues/by-code/${codeOfUrl(venue.qrUrl)}`);
      assert.equal(old.status, 400);
      assert.match(old.body.error.fields.code, /revoked/);
      assert.equal((await t().request('GET', `/api/v1/venues/by-code/${codeOfUrl(reissued.body.qrUrl)}`)).status, 200);
    });

    test('bad input answers 400 naming the field; scope and role are enforced', async () => {
      const missing = await create({ name: 'x', kind: 'market', communeCode: '31321' });
      assert.equal(missing.status, 400);
      assert.ok(missing.body.error.fields.location);
      assert.ok((await create(buildVenue({ kind: 'casino' }))).body.error.fields.kind);
      assert.ok((await create(buildVenue({ defaultDwellMinutes: 2 }))).body.error.fields.defaultDwellMinutes);
      const outside = await create(buildVenue({ location: { lat: 10.776, lon: 106.7 } }));
      assert.match(outside.body.error.fields.location, /outside/);
      assert.equal((await create(buildVenue(), await t().tokenFor('viewer', '93'))).status, 403);
      const otherDistrict = await t().tokenFor('health_officer', '934');
      assert.match((await create(buildVenue(), otherDistrict)).body.error.fields.communeCode, /outside your scope/);
      const { body: venue } = await create(buildVenue());
      assert.equal((await t().request('GET', `/api/v1/venues/${venue.id}`, { token: otherDistrict })).status, 404);
      assert.equal((await t().request('PATCH', `/api/v1/venues/${venue.id}`, { token: otherDistrict, body: { name: 'x' } })).status, 404);
    });

    test('venues are listed within scope, searchable without diacritics, and editable', async () => {
      const officer = await t().tokenFor('health_officer', '930');
      const { body: venue } = await create(buildVenue({ name: 'Nhà thờ Hoà Lựu', kind: 'place_of_worship', code: 'NT-HL-01' }), officer);
      const found = await t().request('GET', '/api/v1/venues?q=nha tho hoa luu', { token: officer });
      assert.deepEqual(found.body.items.map((v: { id: string }) => v.id), [venue.id]);
      const byCode = await t().request('GET', '/api/v1/venues?q=nt-hl-01', { token: officer });
      assert.deepEqual(byCode.body.items.map((v: { id: string }) => v.id), [venue.id]);
      const edited = await t().request('PATCH', `/api/v1/venues/${venue.id}`, { token: officer, body: { defaultDwellMinutes: 90, status: 'closed' } });
      assert.equal(edited.status, 200);
      assert.equal(edited.body.defaultDwellMinutes, 90);
      const otherDistrict = await t().tokenFor('health_officer', '934');
      const none = await t().request('GET', '/api/v1/venues?q=nha tho hoa luu', { token: otherDistrict });
      assert.equal(none.body.total, 0);
    });

    test('CSV import checks every row, reports progress and per-row problems, and writes all rows or none', async () => {
      const header = 'code,name,kind,address,commune_code,lat,lon,owner_name,owner_phone,default_dwell_minutes';
      const good = Array.from({ length: 1200 }, (_, i) => `IMP-${i},Cửa hàng ${i},shop,${i} Nguyễn Huệ,31321,${(9.77 + i * 0.00001).toFixed(6)},105.47,Chủ ${i},0907000${String(i).padStart(3, '0')},30`);
      const bad = [...good.slice(0, 5), 'IMP-X,Quán,bar,,31321,9.78,105.47,,,', 'IMP-Y,Quán 2,restaurant,,99999,9.78,105.47,,,', 'IMP-Z,Quán 3,restaurant,,31321,10.77,106.7,,,'];
      const failed = await t().request('POST', '/api/v1/venues/import?wait=true', { token: t().adminToken, body: [header, ...bad].join('\n'), contentType: 'text/csv' });
      assert.equal(failed.status, 200);
      assert.equal(failed.body.status, 'failed');
      assert.deepEqual(Object.keys(failed.body.problems).sort(), ['lines[7].kind', 'lines[8].communeCode', 'lines[9].location']);
      assert.equal((await t().db.query(`SELECT 1 FROM venues WHERE code LIKE 'IMP-%'`)).length, 0);

      const started = await t().request('POST', '/api/v1/venues/import', { token: t().adminToken, body: [header, ...good].join('\n'), contentType: 'text/csv' });
      assert.equal(started.status, 202);
      assert.equal(started.body.total, 1200);
      let job = started.body;
      const seen = new Set<string>();
      for (let tries = 0; tries < 600 && job.status !== 'done' && job.status !== 'failed'; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        job = (await t().request('GET', `/api/v1/venues/import/${started.body.id}`, { token: t().adminToken })).body;
        seen.add(job.status);
      }
      assert.equal(job.status, 'done', JSON.stringify(job));
      assert.equal(job.created, 1200);
      assert.equal(job.processed, 1200);
      const [{ n }] = await t().db.query<{ n: number }>(`SELECT count(*)::int AS n FROM venues WHERE code LIKE 'IMP-%'`) as [{ n: number }];
      assert.equal(n, 1200);
      const again = await t().request('POST', '/api/v1/venues/import?wait=true', { token: t().adminToken, body: [header, good[0]!.replace('Cửa hàng 0', 'Cửa hàng đổi tên')].join('\n'), contentType: 'text/csv' });
      assert.equal(again.body.updated, 1);
      const otherUser = await t().tokenFor('health_officer', '93');
      assert.equal((await t().request('GET', `/api/v1/venues/import/${started.body.id}`, { token: otherUser })).status, 404);
    });
  });
}

for (const engine of engines()) {
  describe(`venues in a configured province box (${engine})`, () => {
    // A box that leaves out Vị Thanh (lat 9.78): while no boundary is imported, the box decides.
    const t = withTestApp(engine, { VIGIL_PROVINCE_BBOX: '105.2,9.9,106.1,10.1' });

    test('a venue outside VIGIL_PROVINCE_BBOX is refused, naming location; one inside is accepted', async () => {
      const outside = await t().request('POST', '/api/v1/venues', { token: t().adminToken, body: buildVenue({ location: { lat: 9.78, lon: 105.47 } }) });
      assert.equal(outside.status, 400);
      assert.ok(outside.body.error.fields.location, JSON.stringify(outside.body));
      const inside = await t().request('POST', '/api/v1/venues', { token: t().adminToken, body: buildVenue({ location: { lat: 9.95, lon: 105.47 } }) });
      assert.equal(inside.status, 201, JSON.stringify(inside.body));
    });
  });
}
