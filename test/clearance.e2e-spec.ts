import { LedgerTestApp } from './support/ledger-test-app';
import { reason, Scenario, someone } from './support/scenario';

const STREETS = [
  '',
  'Oak',
  'Birch',
  'Cedar',
  'Maple',
  'Willow',
  'Aspen',
  'Spruce',
  'Linden',
  'Hazel',
  'Poplar',
];

describe('clearance, the registration rule and merges', () => {
  let ledger: LedgerTestApp;
  let given: Scenario;
  let w2: string;
  let fep: { id: string; token: string };
  // Each Maria lives on her own street with her own last four, so two of them share only a first name,
  // sex and city: never a probable match for each other, whatever surnames and birth dates chance gives.
  let marias = 0;
  const maria = () => {
    marias += 1;
    return someone({
      firstName: 'Maria',
      ssn: `219-${String(10 + Math.floor(Math.random() * 89))}-${String(9000 + marias)}`,
      sex: 'F',
      address: { line1: `4 ${STREETS[marias]} Street`, city: 'Racine', state: 'WI', postalCode: '53403' },
    });
  };

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    given = new Scenario(ledger);
    w2 = await given.partner('W-2', 'w2-agency', ['w2']);
    fep = await given.staff(w2, ['w2-fep']);
  });
  afterAll(() => ledger.stop());

  it('finds a registered person by a variant of their identity, masked, and records the search', async () => {
    const person = maria();
    const registered = await ledger.post('/api/v1/customers', fep.token, { ...person, ...reason });
    expect(registered.status).toBe(201);
    const variant = {
      ...person,
      firstName: 'Mariah',
      ssn: undefined,
      address: { ...person.address, line1: person.address.line1.replace('Street', 'St') },
    };
    const search = await ledger.post('/api/v1/clearance-searches', fep.token, { ...variant, ...reason });
    expect(search.status).toBe(200);
    expect(search.body.searchId).toEqual(expect.any(String));
    const [best] = search.body.candidates;
    expect(best).toMatchObject({
      customerId: registered.body.id,
      grade: expect.stringMatching(/certain|probable/),
    });
    expect(best.display).toEqual({
      initials: `M${person.lastName[0]}`,
      birthYear: person.dateOfBirth.slice(0, 4),
      ssnLast4: person.ssn.slice(-4),
      city: 'Racine',
    });
    expect(best.reasons).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'dateOfBirth', agreement: 'exact' })]),
    );
    expect(JSON.stringify(search.body)).not.toContain(person.lastName);
    const logged = (await ledger.accessEvents()).filter((e) => e.type === 'ClearanceSearched');
    expect(logged.at(-1)?.data).toMatchObject({
      searchId: search.body.searchId,
      candidateIds: [registered.body.id],
    });
  });

  it('refuses to register a probable duplicate until each candidate is acknowledged', async () => {
    const person = maria();
    const first = await ledger.post('/api/v1/customers', fep.token, { ...person, ...reason });
    const before = await ledger.headPosition();
    const again = await ledger.post('/api/v1/customers', fep.token, {
      ...person,
      firstName: 'Marie',
      ...reason,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PROBABLE_DUPLICATE');
    expect(again.body.candidates).toEqual([
      expect.objectContaining({
        customerId: first.body.id,
        grade: expect.any(String),
        display: expect.any(Object),
      }),
    ]);
    expect(await ledger.headPosition()).toBe(before);

    const search = await ledger.post('/api/v1/clearance-searches', fep.token, {
      ...person,
      firstName: 'Marie',
      ...reason,
    });
    const acknowledged = await ledger.post('/api/v1/customers', fep.token, {
      ...person,
      firstName: 'Marie',
      clearance: { searchId: search.body.searchId, acknowledgedCandidateIds: [first.body.id] },
      ...reason,
    });
    expect(acknowledged.status).toBe(201);
  });

  it('of two registrations of one person at the same moment, one is recorded and the other names it', async () => {
    const person = maria();
    const answers = await Promise.all(
      [person, { ...person, firstName: 'Mariah' }].map((body) =>
        ledger.post('/api/v1/customers', fep.token, { ...body, ...reason }),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 409]);
    const recorded = answers.find((answer) => answer.status === 201)!;
    const refused = answers.find((answer) => answer.status === 409)!;
    expect(refused.body).toMatchObject({
      code: 'PROBABLE_DUPLICATE',
      candidates: [expect.objectContaining({ customerId: recorded.body.id })],
    });
  });

  it('merges a duplicate into the surviving customer, refuses acting on the merged one, and undoes it', async () => {
    const survivor = await given.customer(fep.token);
    const duplicate = await given.customer(fep.token);
    const merged = await ledger.post(`/api/v1/customers/${survivor}/merges`, fep.token, {
      duplicateId: duplicate,
      reason: 'same person',
      ...reason,
    });
    expect(merged.status).toBe(200);
    const acting = await ledger.post(`/api/v1/customers/${duplicate}/feedback`, fep.token, {
      partnerId: w2,
      channel: 'survey',
      ...reason,
    });
    expect(acting.status).toBe(409);
    expect(acting.body).toMatchObject({ code: 'CUSTOMER_MERGED', survivingId: survivor });
    expect(
      (
        await ledger.post(`/api/v1/customers/${survivor}/merges`, fep.token, {
          duplicateId: survivor,
          reason: 'x',
          ...reason,
        })
      ).status,
    ).toBe(400);

    const undone = await ledger.post(`/api/v1/customers/${survivor}/merges/${duplicate}/undo`, fep.token, {
      reason: 'twins after all',
      ...reason,
    });
    expect(undone.status).toBe(200);
    expect(
      (
        await ledger.post(`/api/v1/customers/${duplicate}/feedback`, fep.token, {
          partnerId: w2,
          channel: 'survey',
          ...reason,
        })
      ).status,
    ).toBe(200);
    const twice = await ledger.post(`/api/v1/customers/${survivor}/merges/${duplicate}/undo`, fep.token, {
      reason: 'x',
      ...reason,
    });
    expect(twice.body.code).toBe('MERGE_NOT_FOUND');
  });
});
