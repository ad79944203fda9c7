import { Param, ParseUUIDPipe } from '@nestjs/common';
import { fail } from './problem';

/** A path id that must be a UUID: a 400 naming it otherwise. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        fail(400, `${name} must be a UUID`, { errors: [{ field: name, message: 'must be a UUID' }] }),
    }),
  );
