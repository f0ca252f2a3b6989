// Files that need the bearer token (a plain link cannot carry it): fetch → blob → a temporary object
// URL clicked as a download. Errors come back as the server's message.
import { getToken } from './api';

/** GET `path`, or POST `body` as JSON to it, and save the answer as `filename`. */
export async function downloadWithToken(path: string, filename: string, body?: unknown): Promise<void> {
  const token = getToken();
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    let message = response.statusText || `HTTP ${response.status}`;
    try {
      message = ((await response.json()) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // not JSON
    }
    throw new Error(message);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // the browser has started reading it; give it a moment before letting the blob go
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
