import {
  normaliseAddressLine,
  normaliseIdentity,
  normaliseLastName,
  normaliseName,
  normalisePhone,
  normalisePostalCode,
  normaliseSex,
  parseDateOfBirth,
} from './normalise';

describe('normalisation', () => {
  it('folds names: case, accents, apostrophes, punctuation and whitespace', () => {
    expect(normaliseName('  JOSÉ  María ')).toBe('jose maria');
    expect(normaliseName("O'Brien")).toBe('obrien');
    expect(normaliseName('Mary-Jane')).toBe('mary jane');
    expect(normaliseName('Zoë\tÅngström')).toBe('zoe angstrom');
    expect(normaliseName('Muñoz')).toBe('munoz');
    expect(normaliseName('!!!')).toBe('');
    expect(normaliseName(undefined)).toBe('');
  });

  it('drops a generational suffix from a last name but never the whole name', () => {
    expect(normaliseLastName('Smith Jr.')).toBe('smith');
    expect(normaliseLastName('King III')).toBe('king');
    expect(normaliseLastName('Jr')).toBe('jr');
  });

  it('reads dates of birth as calendar dates only', () => {
    expect(parseDateOfBirth('1990-04-12')).toBe(19900412);
    expect(parseDateOfBirth('2000-02-29')).toBe(20000229);
    expect(parseDateOfBirth('1900-02-29')).toBe(0);
    expect(parseDateOfBirth('1990-13-01')).toBe(0);
    expect(parseDateOfBirth('04/12/1990')).toBe(0);
    expect(parseDateOfBirth('')).toBe(0);
  });

  it('keeps phone digits, drops the US country code, refuses what is too short', () => {
    expect(normalisePhone('(414) 555-0123')).toBe('4145550123');
    expect(normalisePhone('+1 414 555 0123')).toBe('4145550123');
    expect(normalisePhone('555-0123')).toBe('5550123');
    expect(normalisePhone('12345')).toBeNull();
    expect(normalisePhone(undefined)).toBeNull();
  });

  it('cuts ZIP+4 to five digits', () => {
    expect(normalisePostalCode('53202-1234')).toBe('53202');
    expect(normalisePostalCode(' 53202 ')).toBe('53202');
    expect(normalisePostalCode('k1a 0b1')).toBe('K1A0B1');
    expect(normalisePostalCode('')).toBeNull();
  });

  it('abbreviates address words the USPS way, so the forms clerks use agree', () => {
    const forms = [
      '123 North Main Street, Apartment 4',
      '123 N. Main St. #4',
      '123 n main st apt 4',
      '123 North Main Street Unit 4',
      '123 N Main St Apt #4',
    ];
    for (const form of forms) expect(normaliseAddressLine(form)).toBe('123 n main st apt 4');
    expect(normaliseAddressLine('500 Avenida de la Constitución')).toBe('500 avenida de la constitucion');
    expect(normaliseAddressLine(' , ')).toBeNull();
  });

  it('reads sex from the usual spellings and nothing else', () => {
    expect(normaliseSex('F')).toBe('F');
    expect(normaliseSex('male')).toBe('M');
    expect(normaliseSex('X')).toBe('X');
    expect(normaliseSex('unknown')).toBeNull();
  });

  it('normalises a whole identity, missing parts as null', () => {
    expect(
      normaliseIdentity({
        firstName: 'Ana',
        lastName: 'Reyes',
        dateOfBirth: '1990-04-12',
        ssnHash: 'ABCDEF',
        ssnLast4: '6789',
        address: { line1: '12 Oak Street', city: 'Milwaukee', state: 'WI', postalCode: '53202' },
      }),
    ).toEqual({
      firstName: 'ana',
      lastName: 'reyes',
      dateOfBirth: 19900412,
      ssnHash: 'abcdef',
      ssnLast4: '6789',
      sex: null,
      line1: '12 oak st',
      postalCode: '53202',
      phone: null,
    });
    expect(
      normaliseIdentity({ firstName: 'A', lastName: 'B', dateOfBirth: 'x', ssnLast4: '12' }).ssnLast4,
    ).toBeNull();
  });
});
