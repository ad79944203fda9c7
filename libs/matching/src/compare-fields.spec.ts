import {
  compareAddresses,
  compareDatesOfBirth,
  comparePhones,
  compareSex,
  compareSsn,
} from './compare-fields';
import { normaliseAddressLine, parseDateOfBirth } from './normalise';

const dob = (text: string) => parseDateOfBirth(text);
const dates = (a: string, b: string) => compareDatesOfBirth(dob(a), dob(b));

describe('date of birth', () => {
  it('is exact when equal and missing when either is absent', () => {
    expect(dates('1990-04-12', '1990-04-12')).toBe('exact');
    expect(dates('1990-04-12', 'not a date')).toBe('missing');
  });

  it('is close for a day/month swap, one wrong digit, or a year off by one', () => {
    expect(dates('1990-04-12', '1990-12-04')).toBe('close');
    expect(dates('1990-04-12', '1990-04-13')).toBe('close');
    expect(dates('1990-04-12', '1980-04-12')).toBe('close');
    expect(dates('1990-04-12', '1989-04-12')).toBe('close');
    expect(dates('2000-04-12', '1999-04-12')).toBe('close');
  });

  it('is different otherwise', () => {
    expect(dates('1990-04-12', '1990-05-13')).toBe('different');
    expect(dates('1990-04-12', '1995-04-21')).toBe('different');
    expect(dates('1990-04-12', '1991-12-04')).toBe('different');
  });
});

describe('SSN', () => {
  it('is exact on equal hashes only', () => {
    expect(compareSsn(true, '6789', '6789')).toBe('exact');
  });

  it('is close when only the last four digits agree', () => {
    expect(compareSsn(false, '6789', '6789')).toBe('close');
    expect(compareSsn(null, '6789', '6789')).toBe('close');
  });

  it('is different when hashes or last four digits differ, missing when nothing can be compared', () => {
    expect(compareSsn(false, '6789', '1234')).toBe('different');
    expect(compareSsn(false, null, null)).toBe('different');
    expect(compareSsn(null, '6789', '1234')).toBe('different');
    expect(compareSsn(null, '6789', null)).toBe('missing');
    expect(compareSsn(null, null, null)).toBe('missing');
  });
});

describe('sex', () => {
  it('is exact, different or missing, never close', () => {
    expect(compareSex('F', 'F')).toBe('exact');
    expect(compareSex('F', 'M')).toBe('different');
    expect(compareSex(null, 'M')).toBe('missing');
  });
});

describe('address', () => {
  const line = (text: string) => normaliseAddressLine(text);

  it('is exact on the same normalised first line and postal code', () => {
    expect(compareAddresses(line('12 North Oak Street'), '53202', line('12 N Oak St.'), '53202')).toBe(
      'exact',
    );
  });

  it('is close for the same line in another or an unknown postal code, or a slip in the line', () => {
    expect(compareAddresses(line('12 Oak St'), '53202', line('12 Oak St'), '53204')).toBe('close');
    expect(compareAddresses(line('12 Oak St'), null, line('12 Oak St'), '53204')).toBe('close');
    expect(compareAddresses(line('12 Oak St'), '53202', line('21 Oak St'), '53202')).toBe('close');
    expect(compareAddresses(line('12 Oak St Apt 4'), '53202', line('12 Oak St'), '53202')).toBe('close');
  });

  it('is different for another address and missing without a first line', () => {
    expect(compareAddresses(line('12 Oak St'), '53202', line('900 Lake Dr'), '53202')).toBe('different');
    expect(compareAddresses(line('12 Oak St'), '53202', line('12 Elm Ave'), '53211')).toBe('different');
    expect(compareAddresses(null, '53202', line('12 Oak St'), '53202')).toBe('missing');
  });
});

describe('phone', () => {
  it('is exact on equal digits, close when the last seven agree', () => {
    expect(comparePhones('4145550123', '4145550123')).toBe('exact');
    expect(comparePhones('4145550123', '2625550123')).toBe('close');
    expect(comparePhones('4145550123', '5550123')).toBe('close');
  });

  it('is different or missing otherwise', () => {
    expect(comparePhones('4145550123', '4145550124')).toBe('different');
    expect(comparePhones(null, '4145550123')).toBe('missing');
  });
});
