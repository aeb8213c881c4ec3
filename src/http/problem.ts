/** RFC 9457 problem details. Every error the API returns has this shape. */
export const PROBLEM_BASE = 'https://care-rota.dev/problems/';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }

  body(instance?: string): ProblemBody {
    return {
      type: PROBLEM_BASE + this.slug,
      title: this.title,
      status: this.status,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const problems = {
  badRequest: (detail: string, errors?: { field: string; message: string }[]) =>
    new HttpProblem(400, 'validation', 'Your request is not valid', detail, errors ? { errors } : {}),
  unprocessable: (detail: string, errors?: { field: string; message: string }[]) =>
    new HttpProblem(422, 'unprocessable', 'The request cannot be applied', detail, errors ? { errors } : {}),
  unauthorized: (detail: string) => new HttpProblem(401, 'unauthorized', 'Authentication required', detail),
  forbidden: (detail: string) => new HttpProblem(403, 'forbidden', 'Not allowed for your role', detail),
  // Words never carry an id (people read them): the id asked for stays in its own member.
  notFound: (what: string, id: string) =>
    new HttpProblem(
      404,
      'not-found',
      'Not found',
      UUID.test(id) ? `No ${what} with that id exists.` : `No ${what} "${id}" exists.`,
      { id },
    ),
  conflict: (detail: string, slug = 'conflict', extensions: Record<string, unknown> = {}) =>
    new HttpProblem(409, slug, 'Conflict', detail, extensions),
  preconditionFailed: (detail: string) =>
    new HttpProblem(412, 'precondition-failed', 'The resource changed since you read it', detail),
  payloadTooLarge: (detail: string) =>
    new HttpProblem(413, 'payload-too-large', 'The request body is too large', detail),
  uriTooLong: (detail: string) => new HttpProblem(414, 'uri-too-long', 'The request URL is too long', detail),
  tooManyRequests: (detail: string, slug = 'too-many-requests') =>
    new HttpProblem(429, slug, 'Too many requests', detail),
};
