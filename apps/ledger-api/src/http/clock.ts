import { Injectable } from '@nestjs/common';

/** The ledger's clock, injectable so tests can move time. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
