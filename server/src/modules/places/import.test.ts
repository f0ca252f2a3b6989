import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';

const HEADER = 'code,kind,name,address,commune_code,lat,lon,opening_hours,phone,capacity,status,valid_from,valid_to';

for (const engine of engines()) {
  describe(`places CSV import (${engine})`, () => {
    const t = withTestApp(engine);
    const upload = async (csv: string, token = t().adminToken) => {
      const response = await t().app.inject({ method: 'POST', url: '/api/v1/places/import', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, payload: csv });
      return { status: response.statusCode, body: response.json() };
    };

    test('401 without a token, 403 for a viewer', async () => {
      const response = await t().app.inject({ method: 'POST', url: '/api/v1/places/import', headers: { 'content-type': 'text/csv' }, payload: `${HEADER}\n` });
      assert.equal(response.statusCode, 401);
      assert.equal((await upload(`${HEADER}\n`, await t().tokenFor('viewer', '93'))).status, 403);
    });

    test('a file with bad rows imports nothing and names each row\'s problem by line', async () => {
      const csv = [
        HEADER,
        'XN-01,testing_site,Điểm XN Phường III,1 Trần Hưng Đạo,31321,9.781,105.471,7:00-17:00,0293 3876 543,100,open,,',
        'XN-02,testing_site,Điểm XN ngoài tỉnh,,31321,10.776,106.7,,,,open,,',
        'XN-03,bakery,Tiệm bánh,,31321,9.78,105.47,,,abc,open,,',
        'XN-04,testing_site,Sai ngày,,31321,9.78,105.47,,,,open,2021-09-10,2021-09-01',
      ].join('\n');
      const { status, body } = await upload(csv);
      assert.equal(status, 400);
      assert.match(body.error.fields['lines[3].lat'], /outside/);
      assert.ok(body.error.fields['lines[4].kind']);
      assert.ok(body.error.fields['lines[4].capacity']);
      assert.match(body.error.fields['lines[5].validTo'], /before validFrom/);
      assert.equal((await t().request('GET', '/api/v1/places?q=diem%20xn%20phuong%20iii')).body.total, 0, 'nothing imported');
    });

    test('a good file imports every row in one go; importing it again updates by code', async () => {
      const csv = `\ufeff${HEADER}\nVX-01,vaccination_site,"Trạm tiêm, Phường III",,31321,9.782,105.472,,,300,open,2021-07-01,\nVX-02,vaccination_site,Trạm tiêm Phường I,,31318,9.785,105.468,,,,full,,\n`;
      const first = await upload(csv);
      assert.equal(first.status, 200);
      assert.deepEqual([first.body.created, first.body.updated], [2, 0]);
      const again = await upload(csv.replace('300,open', '400,open'));
      assert.deepEqual([again.body.created, again.body.updated], [0, 2]);
      const place = await t().request('GET', `/api/v1/places/${first.body.ids[0]}`);
      assert.equal(place.body.name, 'Trạm tiêm, Phường III');
      assert.equal(place.body.capacity, 400);
    });

    test('an unknown column, a malformed file or a duplicated code answers 400', async () => {
      assert.ok(Object.keys((await upload('name,colour\nx,red\n')).body.error.fields).some((field) => field.endsWith('.colour')));
      assert.equal((await upload(`${HEADER}\n"unclosed,quote\n`)).status, 400);
      const twice = await upload(`${HEADER}\nD-1,testing_site,A,,31321,9.78,105.47,,,,open,,\nD-1,testing_site,B,,31321,9.78,105.47,,,,open,,\n`);
      assert.match(twice.body.error.fields['lines[3].code'], /repeats/);
    });
  });
}
