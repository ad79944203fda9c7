import { hashSsn } from './ssn-hash';

describe('the SSN as the ledger keeps it', () => {
  it('is the HMAC-SHA-256 of the nine digits under the key, and the last four digits', () => {
    const expected = {
      ssnHash: 'fe3eff38bc2843fdc12ba4aa1d9d5cc38559c119df9ccbb15c83c0a317d133ec',
      ssnLast4: '6789',
    };
    expect(hashSsn('123-45-6789', 'ledger-key')).toEqual(expected);
    expect(hashSsn('123 45 6789', Buffer.from('ledger-key'))).toEqual(expected);
  });

  it('depends on the key, so a hash means nothing without it', () => {
    expect(hashSsn('123456789', 'other-key').ssnHash).not.toBe(hashSsn('123456789', 'ledger-key').ssnHash);
  });

  it('refuses what is not nine digits', () => {
    expect(() => hashSsn('12345678', 'k')).toThrow(RangeError);
    expect(() => hashSsn('123-45-678x', 'k')).toThrow(RangeError);
  });
});
