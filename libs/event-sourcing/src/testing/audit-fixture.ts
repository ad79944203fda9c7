import { generateKeyPairSync } from 'node:crypto';
import { configuredKeyring } from '../audit/key-files';
import type { CheckpointKeyring } from '../audit/keys';
import type { EventStore } from '../store/event-store';
import { appendOptionsFor } from './append-options';

/** A fresh Ed25519 signing key, configured rather than written to a directory. */
export function testKeyring(createdAt = '2026-03-01T00:00:00.000Z'): CheckpointKeyring {
  const { privateKey } = generateKeyPairSync('ed25519');
  return configuredKeyring({
    signingKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    createdAt,
  });
}

/** A mutable clock for tests: `clock()` reads it, `clock.advance(seconds)` moves it on. */
export function testClock(
  start = '2026-03-02T15:00:00.000Z',
): (() => Date) & { advance(seconds: number): void } {
  let now = Date.parse(start);
  return Object.assign(() => new Date(now), {
    advance(seconds: number) {
      now += seconds * 1000;
    },
  });
}

/** Appends `count` one-event commands spread over `streams` streams (`thing-0` …), in round robin. */
export async function appendThings(store: EventStore, count: number, streams = 4, offset = 0): Promise<void> {
  for (let i = offset; i < offset + count; i++) {
    await store.append(`thing-${i % streams}`, [{ type: 'Thing', data: { i } }], appendOptionsFor('any'));
  }
}
