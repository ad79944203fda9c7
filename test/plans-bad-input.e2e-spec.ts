import { randomUUID } from 'node:crypto';
import { LedgerTestApp } from './support/ledger-test-app';
import { reason, Scenario } from './support/scenario';

/**
 * Malformed plan commands: each gets a 4xx problem+json naming the bad field (or the missing resource),
 * and the store's last global position is unchanged afterwards.
 */
describe('bad input to plans never changes the ledger', () => {
  let ledger: LedgerTestApp;
  let token: string;
  let supervisorToken: string;
  let w2: string;
  let customerId: string;
  let planId: string;
  let activityId: string;
  let itemId: string;

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    const given = new Scenario(ledger);
    w2 = await given.partner('W-2', 'w2-agency', ['w2']);
    token = (await given.staff(w2, ['w2-fep'])).token;
    supervisorToken = (await given.staff(w2, ['w2-case-management-supervisor'])).token;
    customerId = await given.customer(token);
    planId = (await ledger.post('/api/v1/plans', token, plan({}))).body.id;
    activityId = (
      await ledger.post(`/api/v1/plans/${planId}/activities`, token, { ...activity({}), ...reason })
    ).body.activityId;
    itemId = (
      await ledger.post(`/api/v1/plans/${planId}/action-items`, token, {
        assignee: 'worker',
        description: 'call the landlord',
        dueDate: '2026-04-01',
        ...reason,
      })
    ).body.itemId;
  });
  afterAll(() => ledger.stop());

  const plan = (change: object) => ({
    customerId,
    partnerId: w2,
    kind: 'employability-plan',
    goals: ['a job'],
    customerParticipation: { present: true, customerGoals: 'in my words' },
    ...reason,
    ...change,
  });
  const activity = (change: object) => ({
    type: 'job-search',
    providerPartnerId: w2,
    startDate: '2026-03-16',
    endDate: '2026-04-30',
    weeklyHours: 10,
    ...reason,
    ...change,
  });
  const item = (change: object) => ({
    assignee: 'participant',
    description: 'bring pay stubs',
    dueDate: '2026-04-01',
    ...reason,
    ...change,
  });

  const A = '/api/v1/plans/:plan/activities/:act';
  const cases: [string, string, () => object, number, string][] = [
    [
      'plan without customerParticipation',
      '/api/v1/plans',
      () => plan({ customerParticipation: undefined }),
      400,
      'customerParticipation',
    ],
    [
      'plan without participation.present',
      '/api/v1/plans',
      () => plan({ customerParticipation: { customerGoals: 'x' } }),
      400,
      'customerParticipation.present',
    ],
    [
      'plan with present not a boolean',
      '/api/v1/plans',
      () => plan({ customerParticipation: { present: 'yes', customerGoals: 'x' } }),
      400,
      'customerParticipation.present',
    ],
    [
      'plan, customer present, without their words',
      '/api/v1/plans',
      () => plan({ customerParticipation: { present: true } }),
      400,
      'customerParticipation.customerGoals',
    ],
    ['plan with an unknown kind', '/api/v1/plans', () => plan({ kind: 'life-plan' }), 400, 'kind'],
    ['plan without goals', '/api/v1/plans', () => plan({ goals: [] }), 400, 'goals'],
    ['plan with goals not a list', '/api/v1/plans', () => plan({ goals: 'a job' }), 400, 'goals'],
    ['plan with a bad customer id', '/api/v1/plans', () => plan({ customerId: 'ana' }), 400, 'customerId'],
    ['plan with an extra field', '/api/v1/plans', () => plan({ approved: true }), 400, 'approved'],
    [
      'plan with an extra participation field',
      '/api/v1/plans',
      () => plan({ customerParticipation: { present: false, signed: true } }),
      400,
      'customerParticipation.signed',
    ],
    ['plan without a work reason', '/api/v1/plans', () => plan({ workReason: undefined }), 400, 'workReason'],
    ['plan with a blank work reason', '/api/v1/plans', () => plan({ workReason: '  ' }), 400, 'workReason'],
    [
      'activity of an unknown type',
      '/api/v1/plans/:plan/activities',
      () => activity({ type: 'napping' }),
      400,
      'type',
    ],
    [
      'activity without a start',
      '/api/v1/plans/:plan/activities',
      () => activity({ startDate: undefined }),
      400,
      'startDate',
    ],
    [
      'activity on an impossible date',
      '/api/v1/plans/:plan/activities',
      () => activity({ startDate: '2026-02-30' }),
      400,
      'startDate',
    ],
    [
      'activity with a timestamp for a date',
      '/api/v1/plans/:plan/activities',
      () => activity({ endDate: '2026-04-30T00:00:00Z' }),
      400,
      'endDate',
    ],
    [
      'activity ending before it starts',
      '/api/v1/plans/:plan/activities',
      () => activity({ endDate: '2026-03-15' }),
      400,
      'endDate',
    ],
    [
      'activity with no hours',
      '/api/v1/plans/:plan/activities',
      () => activity({ weeklyHours: 0 }),
      400,
      'weeklyHours',
    ],
    [
      'activity with more hours than a week',
      '/api/v1/plans/:plan/activities',
      () => activity({ weeklyHours: 169 }),
      400,
      'weeklyHours',
    ],
    [
      'activity with hours as text',
      '/api/v1/plans/:plan/activities',
      () => activity({ weeklyHours: '20' }),
      400,
      'weeklyHours',
    ],
    [
      'activity with hours to the thousandth',
      '/api/v1/plans/:plan/activities',
      () => activity({ weeklyHours: 10.125 }),
      400,
      'weeklyHours',
    ],
    [
      'activity with a bad provider id',
      '/api/v1/plans/:plan/activities',
      () => activity({ providerPartnerId: 'w2' }),
      400,
      'providerPartnerId',
    ],
    [
      'activity with an extra field',
      '/api/v1/plans/:plan/activities',
      () => activity({ location: 'x' }),
      400,
      'location',
    ],
    [
      'activity acknowledging without a reason',
      '/api/v1/plans/:plan/activities',
      () => activity({ acknowledgedConflicts: {} }),
      400,
      'acknowledgedConflicts.reason',
    ],
    [
      'activity acknowledging with a blank reason',
      '/api/v1/plans/:plan/activities',
      () => activity({ acknowledgedConflicts: { reason: '' } }),
      400,
      'acknowledgedConflicts.reason',
    ],
    ['activity of an unknown plan', `/api/v1/plans/${randomUUID()}/activities`, () => activity({}), 404, ''],
    ['activity of a plan id not a UUID', '/api/v1/plans/nope/activities', () => activity({}), 400, 'id'],
    ['change naming nothing', `${A}/changes`, () => ({ ...reason }), 400, 'changes'],
    [
      'change ending before the start',
      `${A}/changes`,
      () => ({ endDate: '2026-03-01', ...reason }),
      400,
      'endDate',
    ],
    [
      'change starting after the end',
      `${A}/changes`,
      () => ({ startDate: '2026-05-01', ...reason }),
      400,
      'endDate',
    ],
    ['change to an unknown type', `${A}/changes`, () => ({ type: 'napping', ...reason }), 400, 'type'],
    [
      'change of the activity id',
      `${A}/changes`,
      () => ({ activityId: randomUUID(), ...reason }),
      400,
      'activityId',
    ],
    [
      'change of an unknown activity',
      `/api/v1/plans/:plan/activities/${randomUUID()}/changes`,
      () => ({ weeklyHours: 5, ...reason }),
      404,
      '',
    ],
    [
      'change of an activity id not a UUID',
      '/api/v1/plans/:plan/activities/7/changes',
      () => ({ weeklyHours: 5, ...reason }),
      400,
      'activityId',
    ],
    ['end without a reason', `${A}/end`, () => ({ endDate: '2026-04-01', ...reason }), 400, 'reason'],
    [
      'end before the start',
      `${A}/end`,
      () => ({ endDate: '2026-03-01', reason: 'r', ...reason }),
      400,
      'endDate',
    ],
    [
      'end on a bad date',
      `${A}/end`,
      () => ({ endDate: '04/01/2026', reason: 'r', ...reason }),
      400,
      'endDate',
    ],
    [
      'end of an unknown activity',
      `/api/v1/plans/:plan/activities/${randomUUID()}/end`,
      () => ({ endDate: '2026-04-01', reason: 'r', ...reason }),
      404,
      '',
    ],
    ['goals missing', '/api/v1/plans/:plan/goals', () => ({ ...reason }), 400, 'goals'],
    [
      'goals that are not text',
      '/api/v1/plans/:plan/goals',
      () => ({ goals: [1, 2], ...reason }),
      400,
      'goals',
    ],
    [
      'action item for an unknown assignee',
      '/api/v1/plans/:plan/action-items',
      () => item({ assignee: 'landlord' }),
      400,
      'assignee',
    ],
    [
      'action item without a description',
      '/api/v1/plans/:plan/action-items',
      () => item({ description: undefined }),
      400,
      'description',
    ],
    [
      'action item due on a bad date',
      '/api/v1/plans/:plan/action-items',
      () => item({ dueDate: '2026-13-01' }),
      400,
      'dueDate',
    ],
    [
      'action item with an extra field',
      '/api/v1/plans/:plan/action-items',
      () => item({ priority: 1 }),
      400,
      'priority',
    ],
    [
      'completion with an extra field',
      '/api/v1/plans/:plan/action-items/:item/completion',
      () => ({ done: true, ...reason }),
      400,
      'done',
    ],
    [
      'completion of an unknown item',
      `/api/v1/plans/:plan/action-items/${randomUUID()}/completion`,
      () => ({ ...reason }),
      404,
      '',
    ],
    [
      'completion without a work reason',
      '/api/v1/plans/:plan/action-items/:item/completion',
      () => ({}),
      400,
      'workReason',
    ],
    [
      'signature by an unknown signer',
      '/api/v1/plans/:plan/signatures',
      () => ({ signer: 'judge', ...reason }),
      400,
      'signer',
    ],
    ['signature without a signer', '/api/v1/plans/:plan/signatures', () => ({ ...reason }), 400, 'signer'],
    [
      'review without notes',
      '/api/v1/plans/:plan/reviews',
      () => ({ nextReviewDue: '2026-06-01', ...reason }),
      400,
      'notes',
    ],
    [
      'review due on a bad date',
      '/api/v1/plans/:plan/reviews',
      () => ({ notes: 'n', nextReviewDue: 'June', ...reason }),
      400,
      'nextReviewDue',
    ],
    [
      'closure with a blank reason',
      '/api/v1/plans/:plan/closure',
      () => ({ reason: '', ...reason }),
      400,
      'reason',
    ],
    [
      'closure of an unknown plan',
      `/api/v1/plans/${randomUUID()}/closure`,
      () => ({ reason: 'r', ...reason }),
      404,
      '',
    ],
  ];

  it.each(cases)('%s → %i', async (_name, path, body, status, field) => {
    const url = path.replace(':plan', planId).replace(':act', activityId).replace(':item', itemId);
    const before = await ledger.headPosition();
    const response = await ledger.post(url, token, body());
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
    if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await ledger.headPosition()).toBe(before);
  });

  it.each([
    ['an account id not a UUID', { accountId: 'dana', ...reason }, 400, 'accountId'],
    ['an unknown account', { accountId: randomUUID(), ...reason }, 409, ''],
  ])('refuses reassignment to %s', async (_name, body, status, field) => {
    const before = await ledger.headPosition();
    const response = await ledger.post(`/api/v1/plans/${planId}/assignment`, supervisorToken, body);
    expect(response.status).toBe(status);
    if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    else expect(response.body.code).toBe('ACCOUNT_NOT_FOUND');
    expect(await ledger.headPosition()).toBe(before);
  });
});
