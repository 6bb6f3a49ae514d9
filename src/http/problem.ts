// The one place that turns any error into an RFC 9457 problem document. Clients never see a
// stack trace, SQL, a file path or an internal id: unknown errors become a bare 500 `internal`.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errors, type ErrorCode, type FieldProblem } from '../core/errors.js';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  requestId: string;
  errors?: FieldProblem[];
}

/** The `type` URI of a problem, for any module that answers one itself. */
export const problemType = (code: string) => `urn:gatehouse:problem:${code}`;

function fieldProblemsFromValidation(err: FastifyError): FieldProblem[] {
  const part = err.validationContext ?? 'body';
  return (err.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    let field = `${part === 'body' ? '' : `/${part}`}${v.instancePath}`;
    let message = v.message ?? 'is invalid';
    if (v.keyword === 'additionalProperties') {
      field += `/${String(params.additionalProperty)}`;
      message = 'is not a known field';
    } else if (v.keyword === 'required') {
      field += `/${String(params.missingProperty)}`;
      message = 'is required';
    }
    return { field: field || '/', rule: v.keyword, message };
  });
}

/** Maps an error to its catalogue entry; also recognises Fastify's own parser errors. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError;
  if (e?.validation) return new AppError('request.invalid', { errors: fieldProblemsFromValidation(e) });
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('request.too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('request.unsupported_media_type');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('request.malformed_json');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('request.invalid', { detail: 'content-length mismatch' });
  }
  // Fastify and its plugins raise 4xx errors for malformed requests (bad cookie, bad URL…).
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 404) return new AppError('request.not_found');
    if (e.statusCode === 413) return new AppError('request.too_large');
    if (e.statusCode === 415) return new AppError('request.unsupported_media_type');
    return new AppError('request.invalid', { detail: e.message });
  }
  // Database failures that are not bugs (the database down, text it cannot hold) arrive here
  // already as the catalogue's errors: the store classifies them (store/store-errors.ts).
  return new AppError('internal', { detail: e?.message });
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, appError: AppError) {
  const body: ProblemDocument = {
    type: problemType(appError.code),
    title: appError.title,
    status: appError.status,
    code: appError.code,
    requestId: request.id,
  };
  if (appError.options.publicDetail) body.detail = appError.options.publicDetail;
  if (appError.options.errors?.length) body.errors = appError.options.errors;
  if (appError.options.retryAfterSeconds !== undefined) reply.header('retry-after', String(appError.options.retryAfterSeconds));
  return reply.code(appError.status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * JSON pointer of a `__proto__` member or a `constructor` member holding a `prototype`, if any;
 * with `checkText`, also of a key or string that is not well-formed Unicode (a lone surrogate).
 * Iterative: a body of deeply nested arrays must not overflow the stack.
 */
function findRefusedMember(root: unknown, checkText: boolean): { pointer: string; rule: 'additionalProperties' | 'text' } | undefined {
  const pending: { value: unknown; pointer: string }[] = [{ value: root, pointer: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, pointer } = next;
    if (typeof value === 'string') {
      if (checkText && LONE_SURROGATE.test(value)) return { pointer, rule: 'text' };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((item, i) => pending.push({ value: item, pointer: `${pointer}/${i}` }));
      continue;
    }
    for (const key of Object.keys(value)) {
      const member = (value as Record<string, unknown>)[key];
      if (key === '__proto__') return { pointer: `${pointer}/__proto__`, rule: 'additionalProperties' };
      if (key === 'constructor' && typeof member === 'object' && member !== null && Object.hasOwn(member, 'prototype')) {
        return { pointer: `${pointer}/constructor`, rule: 'additionalProperties' };
      }
      if (checkText && LONE_SURROGATE.test(key)) return { pointer: `${pointer}/${escapePointer(key)}`, rule: 'text' };
      pending.push({ value: member, pointer: `${pointer}/${escapePointer(key)}` });
    }
  }
  return undefined;
}

// JSON text can only carry a lone surrogate as a \uD800–\uDFFF escape (raw bytes are decoded as
// UTF-8, which replaces invalid sequences), so strings are only checked when the body has one.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
// With the u flag a pair is one code point, so only an unpaired surrogate matches (String#isWellFormed is ES2024).
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The JSON body parser. Like Fastify's default it refuses `__proto__` and `constructor.prototype`
 * members (prototype poisoning), but it reports them as what they are, an unknown field of a valid
 * document (400 `request.invalid` naming it), instead of claiming the body is not JSON.
 */
function parseJsonBody(_request: FastifyRequest, body: string, done: (err: Error | null, body?: unknown) => void) {
  if (body.length === 0) return done(new AppError('request.malformed_json', { detail: 'empty body' }));
  let parsed: unknown;
  try {
    // JSON.parse makes `__proto__` an own data property; it never changes a prototype. A leading
    // byte order mark is tolerated, as Fastify's own parser does.
    parsed = JSON.parse(body.charCodeAt(0) === 0xfeff ? body.slice(1) : body);
  } catch {
    return done(new AppError('request.malformed_json'));
  }
  // A surrogate escape is a \u escape: a body without any skips that pattern's scan too.
  const escaped = body.includes('\\u');
  const checkText = escaped && SURROGATE_ESCAPE.test(body);
  // Only a body whose text names one of the two members, or hides a name behind a \u escape (the
  // only escape that can spell a letter), can hold one: others skip the walk (a batch of 1,000
  // checks spent a tenth of its time in it).
  const refused = escaped || body.includes('__proto__') || body.includes('constructor') ? findRefusedMember(parsed, checkText) : undefined;
  if (refused?.rule === 'additionalProperties') {
    return done(
      new AppError('request.invalid', {
        detail: 'prototype poisoning attempt',
        errors: [{ field: refused.pointer, rule: 'additionalProperties', message: 'is not a known field' }],
      }),
    );
  }
  // A lone surrogate is not a character: PostgreSQL refuses it in JSON (the audit log) and would
  // store U+FFFD in text, so the request is refused before it reaches any use case.
  if (refused?.rule === 'text') {
    return done(
      new AppError('request.invalid', {
        detail: 'lone surrogate',
        errors: [
          {
            field: refused.pointer || '/',
            rule: 'text',
            message: 'Text must be valid Unicode: an unpaired surrogate (\\uD800–\\uDFFF) is not a character.',
          },
        ],
      }),
    );
  }
  return done(null, parsed);
}

/** The JSON parser and the error handler: every context of the app inherits them from the root. */
export function registerErrorHandling(app: FastifyInstance) {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonBody);
  app.setErrorHandler((err, request, reply) => {
    const appError = toAppError(err);
    if (err instanceof AppError && appError.code === 'service.busy') {
      // Deliberate load shedding: a line per shed request (with a stack) would add work to every
      // request of a storm, exactly when the service can least afford it. /metrics shows the queue.
      request.log.debug({ code: appError.code, detail: appError.options.detail }, 'request shed');
    } else if (appError.status >= 500) {
      // Only name, message and code: driver errors can carry the query and its parameters.
      const e = err as { name?: string; message?: string; code?: string; stack?: string };
      request.log.error({ err: { name: e?.name, message: e?.message, code: e?.code, stack: e?.stack } }, 'request failed');
    } else if (appError.options.detail) {
      request.log.info({ code: appError.code, detail: appError.options.detail }, 'request refused');
    }
    return sendProblem(request, reply, appError);
  });
}

/**
 * `spaFallback`: the web UI's client-side routes (`/users`, `/invitation?token=…`) are not files;
 * a browser asking for HTML anywhere outside the API gets the app's index page instead of a 404.
 * An unknown path runs the hooks of the context this is registered in.
 */
export function registerNotFoundHandler(
  app: FastifyInstance,
  options: {
    spaFallback?: (request: FastifyRequest, reply: FastifyReply) => boolean;
    /** The methods the request's path has routes for (none: the path does not exist). */
    allowedMethods?: (request: FastifyRequest) => readonly string[];
  } = {},
) {
  app.setNotFoundHandler((request, reply) => {
    if (options.spaFallback?.(request, reply)) return reply;
    const allowed = options.allowedMethods?.(request) ?? [];
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(request, reply, new AppError('request.method_not_allowed', { detail: `${request.method} ${request.url}` }));
    }
    return sendProblem(request, reply, new AppError('request.not_found'));
  });
}

/** Both of the above, on one instance (tests that build a small app). */
export function registerProblemHandlers(app: FastifyInstance, options: Parameters<typeof registerNotFoundHandler>[1] = {}) {
  registerErrorHandling(app);
  registerNotFoundHandler(app, options);
}

/** JSON schema of the problem document, for the OpenAPI description of every error response. */
export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description:
    "RFC 9457 problem details, sent as `application/problem+json`. `code` is stable (the catalogue: docs/errors.md); `requestId` names the request in the service's log.",
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', enum: Object.keys(errors) },
    requestId: { type: 'string' },
    location: {
      type: 'string',
      description: '`idempotency.secret_not_replayed`: where to read the result of the request that was applied.',
    },
    secretFields: {
      type: 'array',
      items: { type: 'string' },
      description: '`idempotency.secret_not_replayed`: the fields of the first answer that were shown once and are not replayed.',
    },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } },
        required: ['field', 'rule', 'message'],
      },
    },
  },
  required: ['type', 'title', 'status', 'code', 'requestId'],
} as const;
