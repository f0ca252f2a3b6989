// Test kit of the national export: a few doses in two districts, and requests with headers.
import type { TestApp } from '../../testing/app.js';
import { COMMUNE, OTHER_COMMUNE, buildDose, createPerson, daysAgo, postDose, siteWithStock } from './vaccination.testkit.js';

/** A formula a spreadsheet would run if the cell were written as it is. */
export const FORMULA_ADDRESS = '=HYPERLINK("http://evil.example","Ấp 1")';

/**
 * Vị Thanh (site in 31321): Lan (national ID, two Pfizer doses, an address that is a formula) and
 * Minh (birth year only, one dose). Ngã Bảy (site in 31340): Hoa, one dose.
 */
export async function exportFixture(t: TestApp) {
  const here = await siteWithStock(t, { doses: 10 });
  const there = await siteWithStock(t, { doses: 10, communeCode: OTHER_COMMUNE });
  const lan = await createPerson(t, { fullName: 'Trần Thị Lan', sex: 'female', birthDate: '1980-05-02', address: FORMULA_ADDRESS, communeCode: COMMUNE });
  const minh = await createPerson(t, { fullName: 'Lê Văn Minh', birthDate: null, birthYear: 1958, nationalId: null });
  const hoa = await createPerson(t, { fullName: 'Phạm Thị Hoa', sex: 'female', birthDate: '1990-01-01', communeCode: OTHER_COMMUNE });
  const doses: Record<string, string[]> = { lan: [], minh: [], hoa: [] };
  for (const [who, person, stock, days] of [['lan', lan, here, 60], ['lan', lan, here, 30], ['minh', minh, here, 20], ['hoa', hoa, there, 10]] as const) {
    const body = buildDose(person, stock, { administeredAt: daysAgo(days) });
    const response = await postDose(t, body);
    if (response.status !== 201) throw new Error(`dose: ${JSON.stringify(response.body)}`);
    doses[who]!.push(body.id);
  }
  return { people: { lan, minh, hoa }, doses, lotNumber: here.lotNumber };
}

export async function send(t: TestApp, method: string, url: string, options: { token?: string; body?: unknown; headers?: Record<string, string>; contentType?: string } = {}) {
  const response = await t.app.inject({
    method: method as 'GET',
    url,
    headers: {
      authorization: `Bearer ${options.token ?? t.adminToken}`,
      ...(options.contentType ? { 'content-type': options.contentType } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });
  return { status: response.statusCode, text: response.body, headers: response.headers, json: () => JSON.parse(response.body) };
}
