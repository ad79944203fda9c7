import { sealed } from './view-world';

/** One event the workload records: appended to `stream` in order; events of one round go concurrently. */
export interface WorkloadEvent {
  stream: string;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
  actor: { accountId: string; partnerId: string };
}

/** A small deterministic PRNG (mulberry32), so a fast-check seed replays the same workload. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] };
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const PARTNERS = [id(1), id(2), id(3)];
const WORKERS = [id(11), id(12), id(13), id(14)];

/**
 * A random but valid history of customers, consents, cases, referrals, assessments and plans: each
 * stream moves only along its lifecycle, as the write side allows. Rounds touch distinct streams.
 */
export function randomWorkload(seed: number, rounds: number, perRound: number): WorkloadEvent[][] {
  const r = random(seed);
  let n = 100;
  let day = 0;
  const customers: { id: string; consents: string[] }[] = [];
  const streams = new Map<
    string,
    { kind: string; state: string; events: string[]; data: Record<string, unknown> }
  >();
  const out: WorkloadEvent[][] = [];
  for (let round = 0; round < rounds; round++) {
    const touched = new Set<string>();
    const events: WorkloadEvent[] = [];
    const emit = (stream: string, type: string, data: Record<string, unknown>) => {
      touched.add(stream);
      const partnerId = r.pick(PARTNERS);
      const at = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000 + r.next() * 43_200_000).toISOString();
      events.push({ stream, type, data, occurredAt: at, actor: { accountId: r.pick(WORKERS), partnerId } });
      // Which event a correction names: resolved to the stored event's id when it is recorded.
      const known = streams.get(stream);
      known?.events.push(`${stream}#${known.events.length}`);
    };
    for (let i = 0; i < perRound; i++) {
      day += r.next() < 0.3 ? 1 : 0;
      const customer = customers.length > 0 ? r.pick(customers) : undefined;
      const open = [...streams.entries()].filter(([s, v]) => !touched.has(s) && v.state !== 'done');
      const choice = r.next();
      if (!customer || choice < 0.12) {
        const customerId = id(n++);
        customers.push({ id: customerId, consents: [] });
        emit(`customer-${customerId}`, 'CustomerRegistered', {
          customerId,
          registeredBy: r.pick(WORKERS),
          personal: sealed(),
        });
      } else if (touched.has(`customer-${customer.id}`)) {
      } else if (choice < 0.2) {
        const consentId = id(n++);
        customer.consents.push(consentId);
        emit(`customer-${customer.id}`, 'ConsentGranted', {
          customerId: customer.id,
          consentId,
          recipients: PARTNERS,
        });
      } else if (choice < 0.24 && customer.consents.length > 0) {
        emit(`customer-${customer.id}`, 'ConsentRevoked', {
          customerId: customer.id,
          consentId: r.pick(customer.consents),
        });
      } else if (choice < 0.28) {
        const type = r.pick([
          'FeedbackReceived',
          'ComplaintFiled',
          'AppealRightsExplained',
          'CustomerMerged',
          'CustomerMergeUndone',
        ]);
        const other = r.pick(customers).id;
        emit(`customer-${customer.id}`, type, {
          customerId: customer.id,
          partnerId: r.pick(PARTNERS),
          program: 'w2',
          duplicateId: other,
          // An undo as the survivor's stream records it.
          otherId: other,
          wasDuplicate: false,
          feedbackId: id(n++),
        });
      } else if (choice < 0.5 || open.length === 0) {
        const kind = r.pick(['case', 'referral', 'assessment', 'plan']);
        const streamId = id(n++);
        const stream = `${kind}-${streamId}`;
        const base = { customerId: customer.id, partnerId: r.pick(PARTNERS) };
        streams.set(stream, { kind, state: 'new', events: [], data: { ...base, [`${kind}Id`]: streamId } });
        const data = streams.get(stream)!.data;
        if (kind === 'case')
          emit(stream, 'ApplicationReceived', {
            ...data,
            program: r.pick(['w2', 'wioa-adult', 'tj']),
            receivedAt: new Date(Date.UTC(2026, 0, 1 + day)).toISOString(),
            assignedTo: r.pick(WORKERS),
          });
        if (kind === 'referral')
          emit(stream, 'ReferralMade', {
            ...data,
            fromPartnerId: base.partnerId,
            toPartnerId: r.pick(PARTNERS),
            consentId: r.pick([...customer.consents, id(0)]),
            madeBy: r.pick(WORKERS),
            reason: sealed(),
          });
        if (kind === 'assessment')
          emit(stream, 'AssessmentRecorded', {
            ...data,
            kind: r.pick(['informal', 'skills']),
            performedAt: new Date(Date.UTC(2026, 0, 1 + day)).toISOString(),
            findings: sealed(),
          });
        if (kind === 'plan')
          emit(stream, 'PlanCreated', {
            ...data,
            kind: 'service-plan',
            createdBy: r.pick(WORKERS),
            customerParticipation: { present: r.next() < 0.7 },
          });
      } else {
        const [stream, s] = r.pick(open);
        const next = NEXT[s.kind](s.state, r.next());
        if (!next) continue;
        const [type, state, extra] = next;
        s.state = state;
        const corrects = type === 'CaseStepCorrected' ? { eventId: r.pick(s.events) } : {};
        emit(stream, type, { ...s.data, ...extra(r.next, (k) => id(k ?? n++), s.data), ...corrects });
      }
    }
    out.push(events);
  }
  return out;
}

type Extra = (
  next: () => number,
  mint: (k?: number) => string,
  data: Record<string, unknown>,
) => Record<string, unknown>;
/** Up to five action items per plan, their ids unique across plans. */
const itemOf = (data: Record<string, unknown>, k: number) =>
  id(Number(String(data.planId).slice(-12)) * 10 + k);
const when = (days: number) => new Date(Date.UTC(2026, 0, 1 + Math.floor(days))).toISOString();
const none: Extra = () => ({});

/** The next step of a stream in a given state, chosen by `x` in [0, 1); undefined to leave it be. */
const NEXT: Record<string, (state: string, x: number) => [string, string, Extra] | undefined> = {
  case: (state, x) => {
    if (x < 0.1) return ['CaseReassigned', state, (_n, m) => ({ accountId: m(11 + Math.floor(x * 40)) })];
    if (x < 0.2)
      return [
        'CaseStepCorrected',
        state,
        (n) => ({ field: n() < 0.5 ? 'receivedAt' : 'scheduledFor', value: when(n() * 60) }),
      ];
    if (x < 0.25) return ['ProgramExited', 'done', (n) => ({ exitedAt: when(n() * 90), reason: sealed() })];
    if (state === 'new' || state === 'interview')
      return x < 0.6
        ? ['InterviewScheduled', 'interview', (n) => ({ scheduledFor: when(n() * 30) })]
        : ['EligibilityDetermined', 'decided', (n) => ({ eligible: n() < 0.8, decidedAt: when(n() * 60) })];
    if (state === 'decided') return ['Enrolled', 'enrolled', (n) => ({ enrolledAt: when(n() * 90) })];
    return undefined;
  },
  referral: (state, x) => {
    if (state === 'new')
      return x < 0.6
        ? ['ReferralAccepted', 'accepted', (_n, m) => ({ acceptedBy: m(12) })]
        : x < 0.8
          ? ['ReferralRejected', 'ended', () => ({ reasonCode: 'no-capacity' })]
          : ['ReferralCancelled', 'done', none];
    if (state === 'accepted')
      return x < 0.3
        ? ['ReferralReassigned', 'accepted', (_n, m) => ({ accountId: m(13) })]
        : x < 0.6
          ? ['ReferralStarted', 'accepted', none]
          : [
              'ReferralOutcomeRecorded',
              'ended',
              () => ({ status: x < 0.8 ? 'completed' : 'failed', outcome: 'got-help' }),
            ];
    return state === 'ended' ? ['ReferralClosed', 'done', none] : undefined;
  },
  assessment: (_state, x) =>
    x < 0.5
      ? ['AssessmentShared', 'shared', (_n, m) => ({ partnerId: m(2), consentId: m(0) })]
      : ['AssessmentSuperseded', 'done', none],
  plan: (_state, x) => {
    if (x < 0.3) return ['PlanReviewed', 'open', (n) => ({ nextReviewDue: when(n() * 120).slice(0, 10) })];
    if (x < 0.6)
      return [
        'ActionItemCreated',
        'open',
        (n, _m, d) => ({
          itemId: itemOf(d, Math.floor(n() * 5)),
          assignee: 'worker',
          dueDate: when(n() * 60).slice(0, 10),
        }),
      ];
    if (x < 0.8)
      return ['ActionItemCompleted', 'open', (n, _m, d) => ({ itemId: itemOf(d, Math.floor(n() * 5)) })];
    return x < 0.9
      ? ['PlanReassigned', 'open', (_n, m) => ({ accountId: m(14) })]
      : ['PlanClosed', 'done', none];
  },
};
