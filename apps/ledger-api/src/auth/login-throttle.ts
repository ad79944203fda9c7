import { Injectable } from '@nestjs/common';
import { fail } from '../http/problem';

const WINDOW_MS = 60_000;
const LIMIT = 30;

/** Repeated authentication failures from one address are answered 429 for the rest of the minute. */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();
  refused = 0;

  check(ip: string, now = Date.now()): void {
    const entry = this.failures.get(ip);
    if (!entry) return;
    if (now - entry.since > WINDOW_MS) {
      this.failures.delete(ip);
      return;
    }
    if (entry.count >= LIMIT) {
      const retryAfter = Math.ceil((entry.since + WINDOW_MS - now) / 1000);
      throw fail(429, 'too many failed authentications from this address', { code: 'THROTTLED', retryAfter });
    }
  }

  failed(ip: string, now = Date.now()): void {
    this.refused += 1;
    const entry = this.failures.get(ip);
    if (!entry || now - entry.since > WINDOW_MS) this.failures.set(ip, { count: 1, since: now });
    else entry.count += 1;
    if (this.failures.size > 100_000) this.failures.clear();
  }
}
