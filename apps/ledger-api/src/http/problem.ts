/** RFC 9457 problem details, as every error of the API answers. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, detail: string, extensions: Partial<Problem> = {}): Problem {
  const code = extensions.code;
  // Extensions never overwrite the standard members (a rule's details may well have a `status` of their own).
  return {
    ...extensions,
    type: code ? `urn:ledger:problem:${code.toLowerCase().replaceAll('_', '-')}` : 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
  };
}

/** A problem raised from the HTTP layer itself (auth, headers, idempotency). */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

export const fail = (status: number, detail: string, extensions: Partial<Problem> = {}) =>
  new ProblemError(problem(status, detail, extensions));
