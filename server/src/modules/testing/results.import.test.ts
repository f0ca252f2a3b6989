// The lab's CSV of results over HTTP on both engines: a bad row stops the whole file and is named
// (lines[n].column, the header being line 1), Vietnamese result words and Ct columns are read.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { collectTube, outcomesOf } from './lab.testkit.js';
import { outcomeOfWord } from './results.import.js';
import { testBarcode } from './factories.js';

describe('lab CSV: result words', () => {
  test('English and Vietnamese words, with or without diacritics, and the lab\'s short forms', () => {
    for (const word of ['positive', 'Dương tính', 'DUONG TINH', 'duong tinh', 'POS', '+', 'Detected']) assert.equal(outcomeOfWord(word), 'positive', word);
    for (const word of ['negative', 'Âm tính', 'am tinh', 'Âm  tính', 'neg', '-', 'Not detected']) assert.equal(outcomeOfWord(word), 'negative', word);
    for (const word of ['invalid', 'Không hợp lệ', 'không xác định', 'inconclusive']) assert.equal(outcomeOfWord(word), 'invalid', word);
    for (const word of ['', 'maybe', 'dương', 'am tinh?']) assert.equal(outcomeOfWord(word) === null, word !== 'dương', word);
  });
});

for (const engine of engines()) {
  describe(`laboratory: the lab's CSV (${engine})`, () => {
    const t = withTestApp(engine);
    let lab: string;
    const labToken = async () => (lab ??= await t().tokenFor('lab_technician', '93'));
    const upload = async (csv: string, token?: string) => t().request('POST', '/api/v1/testing/results/import', { token: token ?? (await labToken()), body: csv, contentType: 'text/csv' });

    test('without testing:lab 403, before the file is read', async () => {
      const viewer = await t().tokenFor('tracer', '93');
      assert.equal((await upload('barcode,result\nnot a barcode,???\n', viewer)).status, 403);
    });

    test('a file with a bad row: nothing is imported, and the row and column are named', async () => {
      const a = await collectTube(t, { members: 2 });
      const b = await collectTube(t, { members: 2 });
      const c = await collectTube(t, { members: 2 });
      const csv = ['barcode,result,ct_n,ct_orf1ab', `${a.barcode},âm tính,,`, `${b.barcode},có thể,,`, `${c.barcode},âm tính,abc,`].join('\n');
      const response = await upload(csv);
      assert.equal(response.status, 400);
      assert.deepEqual(Object.keys(response.body.error.fields).sort(), ['lines[3].result', 'lines[4].ct_n']);
      assert.match(response.body.error.message, /not imported/);
      assert.deepEqual(await outcomesOf(t, [...a.personIds, ...b.personIds, ...c.personIds]), [[], [], [], [], [], []]);

      const unknown = await upload(['barcode,result', `${a.barcode},negative`, `${testBarcode()},negative`].join('\n'));
      assert.equal(unknown.status, 400);
      assert.deepEqual(unknown.body.error.fields, { 'lines[3].barcode': 'no such tube' });
      assert.equal((await upload('barcode,result,colour\nABCD-1,negative,red\n')).body.error.fields['lines[2].colour'] !== undefined, true);
      assert.equal((await upload('barcode,result\n')).status, 400);
      assert.deepEqual(await outcomesOf(t, a.personIds), [[], []]);
    });

    test('a good file: Vietnamese words, Ct values with a (quoted) decimal comma, a semicolon-separated export; source csv', async () => {
      const negative = await collectTube(t, { members: 3 });
      const positive = await collectTube(t, { members: 1, mode: 'individual' });
      const csv = ['Barcode;Kết_quả_unused;result;CT_N;ct_orf1ab;ct_e', `${negative.barcode};;Âm tính;Undetermined;-;`, `${positive.barcode};;DƯƠNG TÍNH;"24,5";25.1;`].join('\n');
      const withUnknownColumn = await upload(csv);
      assert.equal(withUnknownColumn.status, 400, 'an unknown column is named rather than ignored');
      assert.ok(withUnknownColumn.body.error.fields['lines[2].Kết_quả_unused'], JSON.stringify(withUnknownColumn.body));

      const good = ['Barcode;result;CT_N;ct_orf1ab;ct_e', `${negative.barcode};Âm tính;Undetermined;-;`, `${positive.barcode};DƯƠNG TÍNH;"24,5";25.1;`].join('\n');
      const response = await upload(good);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.deepEqual([response.body.created, response.body.repeats], [2, 0]);
      assert.deepEqual(response.body.items.map((i: { outcome: string }) => i.outcome), ['negative', 'positive']);
      assert.equal(response.body.items[1].caseProposals, 1);
      const [row] = await t().db.query<{ source: string; ct_values: Record<string, number> }>(
        'SELECT r.source, r.ct_values FROM tube_results r JOIN tubes t ON t.id = r.tube_id WHERE t.barcode = $1', [positive.barcode],
      );
      assert.equal(row!.source, 'csv');
      assert.deepEqual(row!.ct_values, { N: 24.5, ORF1ab: 25.1 });
      assert.deepEqual(await outcomesOf(t, [...negative.personIds, ...positive.personIds]), [['negative'], ['negative'], ['negative'], ['positive']]);

      // the same file again: every record a repeat; a changed record without a reason: 409 naming it
      const again = await upload(good);
      assert.deepEqual([again.body.created, again.body.repeats], [0, 2]);
      const changed = await upload(['barcode,result', `${negative.barcode},âm tính`, `${positive.barcode},âm tính`].join('\n'));
      assert.equal(changed.status, 409);
      assert.deepEqual(Object.keys(changed.body.error.fields), ['lines[3].result']);
      const corrected = await upload(['barcode,result,correction_reason', `${positive.barcode},âm tính,nhầm ống khi nạp máy`].join('\n'));
      assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
      assert.equal(corrected.body.items[0].corrected, true);
    });
  });
}
