import { isValidSsn } from '@ledger/security';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** A plain calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export function isLocalDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function IsLocalDate(options?: ValidationOptions) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: property,
      options: { message: `${property} must be a date (YYYY-MM-DD)`, ...options },
      validator: { validate: isLocalDate },
    });
}

/** A timestamp with an offset or Z (api.md "Time"). */
export function isTimestamp(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

export function IsTimestamp(options?: ValidationOptions) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isTimestamp',
      target: target.constructor,
      propertyName: property,
      options: { message: `${property} must be a timestamp with an offset or Z`, ...options },
      validator: { validate: isTimestamp },
    });
}

/** A social security number, 123-45-6789 or nine digits, not one the SSA never issues. */
export function IsSsn(options?: ValidationOptions) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isSsn',
      target: target.constructor,
      propertyName: property,
      options: { message: `${property} must be a valid social security number (123-45-6789)`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidSsn(value) },
    });
}
