// The one way the app talks to the server: JSON in and out, the bearer token, and typed errors.

export type FieldErrors = Record<string, string>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldErrors = {},
    /** Extra facts, e.g. `existingId` of the record a 409 collided with. */
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Thrown when the server cannot be reached at all. */
export class NetworkError extends Error {}

const TOKEN_KEY = 'vigil.token';
/** Fired on window when the server rejects our token; the session listens and returns to sign-in. */
export const UNAUTHORIZED_EVENT = 'vigil:unauthorized';

const USER_KEY = 'vigil.user';

/** The signed-in user as last confirmed by the server: lets staff screens (the scanner) reopen offline. */
export function rememberedUser(): unknown {
  try {
    const text = localStorage.getItem(USER_KEY);
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

export function rememberUser(user: unknown): void {
  try {
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  } catch {
    // storage unavailable: no offline reopening
  }
}

export function getToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else {
      localStorage.removeItem(TOKEN_KEY);
      localStorage.removeItem(USER_KEY);
    }
  } catch {
    // storage unavailable: the session ends with the page
  }
}

type QueryValue = string | number | undefined | null;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let code = `http_${response.status}`;
  let message = response.statusText || `HTTP ${response.status}`;
  let fields: FieldErrors = {};
  let detail: Record<string, unknown> = {};
  try {
    type Body = { error?: { code?: string; message?: string; fields?: FieldErrors; detail?: Record<string, unknown> } };
    const body = (await response.json()) as Body;
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      fields = body.error.fields ?? {};
      detail = body.error.detail ?? {};
    }
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(response.status, code, message, fields, detail);
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const token = getToken();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new NetworkError(String(cause));
  }

  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && token) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
