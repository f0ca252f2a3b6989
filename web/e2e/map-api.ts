// API set-up for the map's browser tests: places and a published epidemic level (small factories).
export interface ApiPlace {
  id: string;
  name: string;
  kind: string;
  lat: number;
  lon: number;
  communeCode: string;
}

async function call<T>(baseUrl: string, method: string, path: string, token: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

let serial = 0;
export function buildPlace(baseUrl: string, token: string, overrides: Partial<ApiPlace> & Record<string, unknown> = {}): Promise<ApiPlace> {
  serial += 1;
  return call<ApiPlace>(baseUrl, 'POST', '/api/v1/places', token, {
    code: `E2E-${Date.now().toString(36)}-${serial}`,
    kind: 'testing_site',
    name: `Điểm xét nghiệm thử ${serial}`,
    address: '1 Trần Hưng Đạo',
    communeCode: '31321',
    lat: 9.7801,
    lon: 105.4701,
    openingHours: '7:00–11:00, 13:30–17:00',
    phone: '0293 3876 543',
    capacity: 200,
    ...overrides,
  });
}

/** Publishes a level assessment of one district: `hot` communes get many cases, the others none. */
export async function publishDistrictLevels(baseUrl: string, token: string, district: string, hot: string[], week = '2021-W31'): Promise<void> {
  const { items } = (await (await fetch(`${baseUrl}/api/v1/units?level=commune&parent=${district}`)).json()) as { items: { code: string; parentCode: string }[] };
  const units = items
    .filter((unit) => unit.parentCode === district)
    .map((unit) => ({ code: unit.code, newCommunityCases7d: hot.includes(unit.code) ? 60 : 0, population: 10_000, adultsFirstDoseShare: 0.9, elderlyFullDoseShare: 0.9 }));
  await call(baseUrl, 'PUT', `/api/v1/levels/inputs/${week}`, token, { units });
  const draft = await call<{ id: string }>(baseUrl, 'POST', '/api/v1/levels/assessments', token, { week, unitCode: district });
  await call(baseUrl, 'POST', `/api/v1/levels/assessments/${draft.id}/publish`, token, { effectiveFrom: '2021-08-02' });
}
