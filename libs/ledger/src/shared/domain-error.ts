/**
 * A rule refused the command. `status` follows api.md: 409 for a rule in the ledger's present state,
 * 403 WRONG_PARTNER, 404 for the resource in the path, 400 for what the request alone shows to be wrong.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 422 = 409,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const refuse = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, 409, details);

export const notFound = (what: string, id: string) =>
  new DomainError('NOT_FOUND', `${what} ${id} does not exist`, 404);

export const wrongPartner = (message: string) => new DomainError('WRONG_PARTNER', message, 403);

/** Something the request alone shows to be wrong, found only once the command is decided. */
export const invalid = (field: string, message: string) =>
  new DomainError('VALIDATION_FAILED', message, 400, { errors: [{ field, message }] });
