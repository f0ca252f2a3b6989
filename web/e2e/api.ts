// Direct API calls for test setup: small factories instead of shared fixtures.
export interface ApiPerson {
  id: string;
  fullName: string;
  nationalId: string | null;
  birthYear: number;
  communeCode: string;
}

async function call<T>(baseUrl: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} → ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

export async function apiLogin(baseUrl: string, password: string): Promise<string> {
  const answer = await call<{ token: string }>(baseUrl, '/api/v1/auth/login', null, { username: 'admin', password });
  return answer.token;
}

export async function firstCommune(baseUrl: string): Promise<string> {
  const { items } = await call<{ items: { code: string }[] }>(baseUrl, '/api/v1/units?level=commune', null);
  const code = items[0]?.code;
  if (!code) throw new Error('no communes');
  return code;
}

/** A CCCD that agrees with the birth year and sex (province 93, Hậu Giang). */
export function nationalIdFor(birthYear: number, sex: 'male' | 'female'): string {
  const century = Math.floor((birthYear - 1900) / 100) * 2 + (sex === 'female' ? 1 : 0);
  const serial = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
  return `093${century}${String(birthYear % 100).padStart(2, '0')}${serial}`;
}

export async function buildPerson(baseUrl: string, token: string, overrides: Partial<ApiPerson> = {}): Promise<ApiPerson> {
  const birthYear = overrides.birthYear ?? 1987;
  return call<ApiPerson>(baseUrl, '/api/v1/people', token, {
    fullName: 'Trương Thị Diễm Phượng',
    nationalId: nationalIdFor(birthYear, 'female'),
    birthYear,
    sex: 'female',
    communeCode: overrides.communeCode ?? (await firstCommune(baseUrl)),
    ...overrides,
  });
}

export async function searchPeople(baseUrl: string, token: string, q = ''): Promise<ApiPerson[]> {
  const path = `/api/v1/people?limit=50${q ? `&q=${encodeURIComponent(q)}` : ''}`;
  return (await call<{ items: ApiPerson[] }>(baseUrl, path, token)).items;
}

/**
 * A JSON API caller for a test suite's server and staff token (read when called, since suites log in
 * before their tests run); a non-2xx answer fails with its status and body.
 */
export function staffApi(target: () => { baseUrl: string; token: string }) {
  return async function api<T>(method: string, url: string, body?: unknown, token = target().token): Promise<T> {
    const response = await fetch(`${target().baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} → ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
}
