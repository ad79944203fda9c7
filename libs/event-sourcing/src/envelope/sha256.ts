import { hash } from 'node:crypto';

/**
 * SHA-256 in lower-case hex: an event's hash over its canonical bytes. Its own module, so that the
 * verification workers load it without the envelope's other imports (uuid alone takes ~35 ms to load).
 */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
