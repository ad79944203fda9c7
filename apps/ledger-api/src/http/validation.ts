import { type ValidationError, ValidationPipe } from '@nestjs/common';
import { fail } from './problem';
import { cacheValidationMetadata } from './validation-metadata-cache';

cacheValidationMetadata();

/** Flattens class-validator's tree into `{ field, message }` for every invalid or unknown field. */
export function fieldErrors(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
  exceptionFactory: (errors) => {
    const list = fieldErrors(errors);
    return fail(400, `invalid request: ${list.map((e) => e.field).join(', ')}`, {
      code: 'VALIDATION_FAILED',
      errors: list,
    });
  },
});
