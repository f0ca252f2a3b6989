// Shared HTTP pieces: the typed app instance, the error body schema, and the error handler.
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError, type FieldErrors } from './errors.js';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      fields: Type.Optional(Type.Record(Type.String(), Type.String())),
      detail: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      requestId: Type.Optional(Type.String()),
    }),
  },
  { $id: 'ErrorBody' },
);

/** The error responses every protected route may give, for the OpenAPI document. */
export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, Type.Ref('ErrorBody')]));

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** "/items/3/venueId" → "items[3].venueId" */
function fieldName(instancePath: string, extra?: unknown): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (typeof extra === 'string') parts.push(extra);
  return parts.reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
}

function describe(error: AjvError): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field';
    default:
      return error.message ?? 'is invalid';
  }
}

export function fieldsFromValidation(errors: AjvError[], context?: string): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors) {
    const extra = error.keyword === 'required' ? error.params.missingProperty : error.keyword === 'additionalProperties' ? error.params.additionalProperty : undefined;
    const name = fieldName(error.instancePath, extra) || context || 'body';
    fields[name] ??= describe(error);
  }
  return fields;
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, error: Record<string, unknown>) {
  return reply.status(status).send({ error: { ...error, requestId: request.id } });
}

/** Maps every error to the API's error body; bad input never becomes a 500. */
export function handleError(this: unknown, error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.headers) reply.headers(error.headers);
    return send(reply, request, error.status, { code: error.code, message: error.message, fields: error.fields, detail: error.detail });
  }
  if (error.validation) {
    const fields = fieldsFromValidation(error.validation, error.validationContext);
    const message = Object.entries(fields).map(([field, reason]) => `${field}: ${reason}`).join('; ');
    return send(reply, request, 400, { code: 'validation_failed', message, fields });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return send(reply, request, 400, { code: 'validation_failed', message: 'body: request body is too large', fields: { body: 'is too large' } });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return send(reply, request, 400, { code: 'validation_failed', message: 'body: must be application/json', fields: { body: 'must be application/json' } });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return send(reply, request, 400, { code: 'validation_failed', message: 'body: is required', fields: { body: 'is required' } });
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return send(reply, request, 400, { code: 'validation_failed', message: 'body: is not valid JSON', fields: { body: 'is not valid JSON' } });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return send(reply, request, status, { code: status === 404 ? 'not_found' : 'bad_request', message: error.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, request, 500, { code: 'internal_error', message: 'internal error; the request id identifies it in the logs' });
}
