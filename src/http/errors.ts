import type { FastifyError, FastifyInstance } from 'fastify';
import { HttpProblem, problems, type ProblemBody } from './problem.js';

interface DbError {
  code?: string;
  constraint?: string;
  detail?: string;
}

const isDbError = (e: unknown): boolean =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as DbError).code === 'string' &&
  /^[0-9A-Z]{5}$/.test((e as DbError).code!);

/** SQLSTATEs that mean the client's data broke a rule the database keeps (not our bug). */
function fromDatabase(error: DbError): HttpProblem | undefined {
  const c = error.constraint ? ` (${error.constraint})` : '';
  switch (error.code) {
    case '23505':
      return problems.conflict(`That would duplicate an existing record${c}.`);
    case '23P01':
      return problems.conflict(
        `That overlaps an existing booking of the same person or slot${c}.`,
        'overlap',
      );
    case '23503':
      return problems.unprocessable(`That refers to something that does not exist, or is still in use${c}.`);
    case '23514':
      return problems.unprocessable(`That breaks a data rule${c}.`);
    case '40P01':
    case '40001':
      return problems.conflict(
        'Someone else changed the same rota at the same moment; nothing was changed. Please try again.',
        'concurrent-change',
      );
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return problems.badRequest('A value is not of the expected type or is out of range.');
    default:
      return undefined;
  }
}

function validationProblem(error: FastifyError): HttpProblem {
  const where = error.validationContext ?? 'body';
  const fields = (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    const extra = params.additionalProperty ?? params.missingProperty;
    const path = `/${where}${v.instancePath}${extra ? `/${String(extra)}` : ''}`;
    const message =
      params.additionalProperty !== undefined ? 'is not a known field' : (v.message ?? 'is not valid');
    return { field: path, message };
  });
  const detail = fields.map((f) => `${f.field} ${f.message}`).join('; ') || error.message;
  return problems.badRequest(detail, fields);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((thrown: FastifyError | HttpProblem, request, reply) => {
    let problem: HttpProblem | undefined;
    const error = thrown as FastifyError;
    if (thrown instanceof HttpProblem) problem = thrown;
    else if (error.validation) problem = validationProblem(error);
    else if (isDbError(error)) problem = fromDatabase(error as DbError);
    else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors: bad JSON, wrong content type, body too large, ...
      const titles: Record<number, string> = {
        400: 'Your request is not valid',
        413: 'The request body is too large',
        415: 'Unsupported content type',
      };
      problem = new HttpProblem(
        error.statusCode,
        error.statusCode === 415
          ? 'unsupported-media-type'
          : error.statusCode === 413
            ? 'payload-too-large'
            : 'validation',
        titles[error.statusCode] ?? 'Client error',
        error.statusCode === 415
          ? `Send JSON with "Content-Type: application/json" (${error.message}).`
          : error.message,
      );
    }
    if (!problem) {
      request.log.error({ err: error }, 'unhandled error');
      problem = new HttpProblem(
        500,
        'internal',
        'Internal error',
        `Something went wrong on our side. Quote request id ${request.id} when reporting it.`,
      );
    } else if (problem.status >= 500) {
      request.log.error({ err: error }, 'server error');
    }
    // Too many: say when to come back (the rate limit sets its own).
    if (problem.status === 429 && !reply.getHeader('retry-after')) reply.header('retry-after', '30');
    const body: ProblemBody = problem.body(request.url);
    reply.status(problem.status).type('application/problem+json').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body = new HttpProblem(
      404,
      'not-found',
      'Not found',
      `There is no route ${request.method} ${request.url.split('?')[0]}. See /docs for the API.`,
    ).body(request.url);
    reply.status(404).type('application/problem+json').send(body);
  });
}
