// Open-data documents fetched with their ETag: an unchanged document answers 304 and we keep our copy.
const cache = new Map<string, { etag: string; body: unknown }>();

export async function fetchOpen<T>(url: string, signal?: AbortSignal): Promise<T> {
  const known = cache.get(url);
  const response = await fetch(url, {
    headers: known ? { 'if-none-match': known.etag, accept: 'application/geo+json, application/json' } : { accept: 'application/geo+json, application/json' },
    cache: 'no-store',
    signal,
  });
  if (response.status === 304 && known) return known.body as T;
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const body = (await response.json()) as T;
  const etag = response.headers.get('etag');
  if (etag) cache.set(url, { etag, body });
  return body;
}
