// The small error vocabulary of the API, mapped to HTTP status in one place (errorStatus).
export type ErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'rate_limited';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
};

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    /** Extra machine-readable facts for the client, e.g. the id of an existing record. */
    readonly detail?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export function errorStatus(code: ErrorCode): number {
  return STATUS[code];
}

export const validationFailed = (fields: FieldErrors, message?: string) =>
  new AppError(
    'validation_failed',
    message ?? Object.entries(fields).map(([field, reason]) => `${field}: ${reason}`).join('; '),
    fields,
  );

export const invalidField = (field: string, reason: string) => validationFailed({ [field]: reason });
export const unauthorized = (message = 'sign in first') => new AppError('unauthorized', message);
export const forbidden = (message = 'your role may not do this') => new AppError('forbidden', message);
export const notFound = (entity: string) => new AppError('not_found', `${entity} not found`);
export const conflict = (message: string, fields?: FieldErrors, detail?: Record<string, unknown>) =>
  new AppError('conflict', message, fields, detail);
export const unprocessable = (message: string, fields?: FieldErrors) => new AppError('unprocessable', message, fields);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError('rate_limited', `too many attempts; try again in ${retryAfterSeconds} s`, undefined, undefined, {
    'retry-after': String(retryAfterSeconds),
  });
