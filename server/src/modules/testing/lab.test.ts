// Receiving tubes at the lab over HTTP on both engines: refusals first, then receipt with who and
// when, open tubes sealed on the way, repeats, and scope (a lab serves the units it is scoped to).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { collectTube, OTHER_COMMUNE } from './lab.testkit.js';
import { testBarcode } from './factories.js';

for (const engine of engines()) {
  describe(`laboratory: receiving tubes (${engine})`, () => {
    const t = withTestApp(engine);
    const receive = (barcodes: unknown, token: string) => t().request('POST', '/api/v1/testing/lab/receive', { token, body: { barcodes } });
    const tubeRow = async (barcode: string) => (await t().db.query<{ status: string; received_by: string | null; received_at: Date | null; sealed_at: Date | null }>(
      'SELECT status, received_by, received_at, sealed_at FROM tubes WHERE barcode = $1', [barcode],
    ))[0]!;

    test('without a token 401, without testing:lab 403, a bad barcode 400 naming it', async () => {
      assert.equal((await t().request('POST', '/api/v1/testing/lab/receive', { body: { barcodes: ['ABCD1'] } })).status, 401);
      const tracer = await t().tokenFor('tracer', '93');
      assert.equal((await receive(['ABCD1'], tracer)).status, 403);
      const lab = await t().tokenFor('lab_technician', '93');
      const bad = await receive(['ABCD1', 'not a barcode'], lab);
      assert.equal(bad.status, 400);
      assert.ok(bad.body.error.fields['barcodes[1]'], JSON.stringify(bad.body));
      assert.equal((await receive([], lab)).status, 400);
    });

    test('an unknown barcode is named and nothing is received', async () => {
      const lab = await t().tokenFor('lab_technician', '93');
      const tube = await collectTube(t, { members: 2 });
      const response = await receive([tube.barcode, testBarcode()], lab);
      assert.equal(response.status, 400);
      assert.deepEqual(response.body.error.fields, { 'barcodes[1]': 'no such tube' });
      assert.equal((await tubeRow(tube.barcode)).status, 'sealed');
    });

    test('sealed tubes become received with who and when; an open tube is sealed on the way; a second scan is a repeat', async () => {
      const lab = await t().tokenFor('lab_technician', '93');
      const sealed = await collectTube(t, { members: 3 });
      const open = await collectTube(t, { members: 2, seal: false });
      assert.equal((await tubeRow(open.barcode)).status, 'collecting');
      const first = await receive([sealed.barcode, open.barcode, sealed.barcode], lab);
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.received, 2);
      assert.equal(first.body.repeats, 1);
      assert.deepEqual(first.body.items.map((i: { status: string; repeat: boolean }) => [i.status, i.repeat]), [['received', false], ['received', false], ['received', true]]);
      const row = await tubeRow(open.barcode);
      assert.equal(row.status, 'received');
      assert.ok(row.sealed_at && row.received_at && row.received_by);
      const [user] = await t().db.query<{ id: string }>('SELECT id FROM users WHERE id = $1', [row.received_by]);
      assert.ok(user, 'received_by is the lab technician');

      const again = await receive([open.barcode], lab);
      assert.equal(again.body.received, 0);
      assert.equal(again.body.repeats, 1);
      assert.equal(again.body.items[0].receivedAt, first.body.items[1].receivedAt, 'the first receipt stands');
      const audits = await t().db.query(`SELECT 1 FROM audit_log WHERE action = 'receive' AND entity = 'tube' AND detail->'barcodes' ? $1`, [open.barcode]);
      assert.equal(audits.length, 1);
    });

    test('scope: a lab scoped to another district cannot receive these tubes (as if unknown); the province\'s lab can', async () => {
      const tube = await collectTube(t, { members: 2 });
      const elsewhere = await t().tokenFor('lab_technician', OTHER_COMMUNE);
      const refused = await receive([tube.barcode], elsewhere);
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body.error.fields, { 'barcodes[0]': 'no such tube' });
      const district = await t().tokenFor('lab_technician', '931');
      assert.equal((await receive([tube.barcode], district)).status, 400);
      const province = await t().tokenFor('lab_technician', '93');
      assert.equal((await receive([tube.barcode], province)).status, 200);
    });
  });
}
