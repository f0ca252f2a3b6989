import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TEMPLATES, TEMPLATE_NAMES, payloadProblems, render } from './templates.js';

describe('notification templates', () => {
  test('an unknown template and missing, extra or malformed variables are named as fields', () => {
    assert.deepEqual(Object.keys(payloadProblems('no_such_template', {})), ['template']);
    assert.deepEqual(payloadProblems('exposure_notice', { venueName: 'Chợ Vị Thanh', from: '2021-07-15T03:30:00Z', extra: 1 }), {
      'payload.to': 'is required by the template',
      'payload.extra': 'is not a variable of template exposure_notice',
    });
    assert.match(payloadProblems('test_result', { testType: 'rt_pcr', sampledOn: '15/07/2021', result: 'positive' })['payload.sampledOn'] ?? '', /YYYY-MM-DD/);
    assert.match(payloadProblems('test_result', { testType: 'rt_pcr', sampledOn: '2021-07-15', result: 'maybe' })['payload.result'] ?? '', /positive, negative, negative_by_representation, resample/);
    assert.match(payloadProblems('test_result', { testType: 'pcr', sampledOn: '2021-07-15', result: 'negative' })['payload.testType'] ?? '', /rt_pcr, rapid_antigen/);
    assert.match(payloadProblems('test_order', { date: '2021-07-15', site: 'a\nb' })['payload.site'] ?? '', /one line/);
  });

  test('the exposure notice in Vietnamese and English, times shown in Asia/Ho_Chi_Minh', () => {
    const payload = { venueName: 'Chợ Vị Thanh', from: '2021-07-15T03:30:00Z', to: '2021-07-15T05:00:00Z' };
    const vi = render('exposure_notice', 'vi', payload);
    assert.equal(vi.title, 'Bạn có thể đã tiếp xúc với ca bệnh');
    assert.match(vi.body, /^Bạn đã có mặt tại Chợ Vị Thanh trong khoảng 10:30 15\/07\/2021 – 12:00 15\/07\/2021, /);
    const en = render('exposure_notice', 'en', payload);
    assert.match(en.body, /^You were at Chợ Vị Thanh between 15 Jul 2021, 10:30 and 15 Jul 2021, 12:00, /);
  });

  test('choices and dates are shown in the message language', () => {
    const payload = { kind: 'facility', place: 'KTX Đại học Võ Trường Toản', startDate: '2021-08-01', endDate: '2021-08-14' };
    assert.match(render('quarantine_order', 'vi', payload).body, /cách ly tập trung \(KTX Đại học Võ Trường Toản\) từ ngày 01\/08\/2021 đến hết ngày 14\/08\/2021/);
    assert.match(render('quarantine_order', 'en', payload).body, /quarantine in a quarantine facility \(KTX Đại học Võ Trường Toản\) from 1 Aug 2021 to the end of 14 Aug 2021/);
    assert.match(render('test_result', 'vi', { testType: 'rt_pcr', sampledOn: '2021-08-02', result: 'negative' }).body, /ÂM TÍNH/);
  });

  test('a test result names the test and the day sampled, and says when the person was negative by representation', () => {
    const represented = { testType: 'rt_pcr', sampledOn: '2021-08-02', result: 'negative_by_representation' };
    assert.equal(render('test_result', 'vi', represented).body.slice(0, 75), 'Kết quả xét nghiệm RT-PCR mẫu lấy ngày 02/08/2021: ÂM TÍNH THEO ĐẠI DIỆN: m');
    assert.match(render('test_result', 'en', represented).body, /^Result of the RT-PCR test sampled on 2 Aug 2021: NEGATIVE BY REPRESENTATION: .*you were not tested yourself\.$/);
    assert.match(render('test_result', 'en', { testType: 'rapid_antigen', sampledOn: '2021-08-02', result: 'resample' }).body, /^Result of the rapid antigen test sampled on 2 Aug 2021: you need to be SAMPLED AGAIN\./);
    assert.match(render('test_result', 'vi', { testType: 'rapid_antigen', sampledOn: '2021-08-02', result: 'positive' }).body, /test nhanh kháng nguyên .* DƯƠNG TÍNH/);
  });

  test('the alert to health staff carries no personal data, and the round reminder shows its deadline in Vietnam time', () => {
    const alert = render('case_proposal_alert', 'vi', { testType: 'rt_pcr', sampledOn: '2021-08-02', communeName: 'Phường III' });
    assert.match(alert.body, /RT-PCR DƯƠNG TÍNH \(mẫu lấy ngày 02\/08\/2021\) của một người sống tại Phường III/);
    const reminder = { programmeName: 'Công ty Thủy sản Vị Thanh', roundNumber: 4, dueBy: '2021-08-05T10:00:00Z' };
    assert.deepEqual(payloadProblems('testing_round_reminder', reminder), {});
    assert.match(render('testing_round_reminder', 'vi', reminder).body, /đợt 4 của Công ty Thủy sản Vị Thanh\. Vui lòng xét nghiệm trước 17:00 05\/08\/2021\./);
    assert.match(render('testing_round_reminder', 'en', reminder).body, /round 4 of Công ty Thủy sản Vị Thanh\. Please get tested before 5 Aug 2021, 17:00\./);
    assert.equal(payloadProblems('testing_round_reminder', { ...reminder, dueBy: '5 Aug' })['payload.dueBy'], 'must be a date-time (ISO 8601)');
  });

  test('every template has both languages, and each uses exactly its declared variables', () => {
    for (const name of TEMPLATE_NAMES) {
      const template = TEMPLATES[name];
      for (const locale of ['vi', 'en'] as const) {
        assert.ok(template.title[locale] && template.body[locale], `${name} ${locale}`);
        const used = [...template.body[locale].matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
        assert.deepEqual(used, Object.keys(template.variables).sort(), `${name} ${locale}`);
      }
    }
  });
});
