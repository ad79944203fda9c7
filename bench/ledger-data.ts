import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor, NewEvent } from '@ledger/event-sourcing';
import { openLedgerDatabase } from '@ledger/event-sourcing/adapters/sqlite/sqlite-schema';
import {
  type AppendRequest,
  prepareAppend,
  SqliteWriter,
} from '@ledger/event-sourcing/adapters/sqlite/sqlite-writer';
import { dataDir } from './bench-kit';

/** A seeded PRNG (mulberry32): the data set is the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A journey yields events, and hours to wait before the next ones (so each event is made when it happens). */
type Journey = Generator<number | GeneratedEvent, void>;

export interface GeneratedEvent {
  at: number;
  stream: string;
  event: NewEvent;
  actor: Actor;
}

/**
 * A ledger's history as agencies would make it: customers registered (with consents, feedback,
 * complaints, appeal-rights explanations), W-2 and WIOA cases moving through their steps (with
 * reschedules, reassignments and corrections), referrals around the closed loop, assessments recorded,
 * shared and superseded, and plans with reviews and action items; personal fields sealed as the ledger
 * seals them (ciphertext-sized base64). Journeys interleave in time, an hour at a time.
 */
export function* ledgerHistory(seed = 7): Generator<GeneratedEvent> {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const hex = () =>
    Math.floor(random() * 0x10000)
      .toString(16)
      .padStart(4, '0');
  const uuid = () =>
    `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-a${hex().slice(1)}-${hex()}${hex()}${hex()}`;
  const pool = Buffer.from(Array.from({ length: 8192 }, () => Math.floor(random() * 256))).toString('base64');
  const sealed = (bytes: number) => {
    const from = Math.floor(random() * (pool.length - bytes * 2));
    return {
      sealed: 'A256GCM',
      iv: pool.slice(from, from + 16),
      data: pool.slice(from + 16, from + 16 + Math.ceil((bytes * 4) / 3)),
    };
  };
  const partners = Array.from({ length: 40 }, (_, i) => ({
    id: uuid(),
    workers: Array.from({ length: 20 }, uuid),
    program:
      i < 8
        ? 'w2'
        : i < 20
          ? pick(['wioa-adult', 'wioa-dislocated-worker', 'wioa-youth'])
          : pick(['vocational-rehabilitation', 'adult-education', 'community-services']),
  }));
  const start = Date.UTC(2025, 0, 6, 14);
  const HOUR = 3_600_000;
  const buckets = new Map<number, Journey[]>();
  const schedule = (hour: number, journey: Journey) => {
    if (!buckets.has(hour)) buckets.set(hour, []);
    buckets.get(hour)!.push(journey);
  };
  const actorOf = (partner: (typeof partners)[number], worker = pick(partner.workers)): Actor => ({
    accountId: worker,
    partnerId: partner.id,
    roles: ['partner-case-manager'],
  });
  let now = 0;
  const iso = (hoursLater = 0) => new Date(start + (now + hoursLater) * HOUR).toISOString();
  const ev = (stream: string, type: string, data: object, actor: Actor): GeneratedEvent => ({
    at: start + now * HOUR,
    stream,
    event: { type, data },
    actor,
  });
  const days = (n: number) => Math.max(1, Math.round(n * 24 * (0.5 + random())));

  function* caseJourney(customerId: string, partner: (typeof partners)[number], worker: string): Journey {
    const caseId = uuid();
    const s = `case-${caseId}`;
    const ids = { caseId, customerId };
    const actor = actorOf(partner, worker);
    const program =
      partner.program === 'w2' || partner.program.startsWith('wioa')
        ? partner.program
        : pick(['w2', 'wioa-adult']);
    yield ev(
      s,
      'ApplicationReceived',
      {
        ...ids,
        partnerId: partner.id,
        program,
        receivedAt: iso(),
        channel: pick(['in-person', 'phone', 'online', 'mail']),
        assignedTo: worker,
      },
      actor,
    );
    yield days(2);
    yield ev(s, 'InterviewScheduled', { ...ids, scheduledFor: iso(24 * 4) }, actor);
    if (random() < 0.2) {
      yield days(1);
      yield ev(s, 'InterviewScheduled', { ...ids, scheduledFor: iso(24 * 6) }, actor);
    }
    if (random() < 0.05) {
      yield days(1);
      yield ev(
        s,
        'CaseStepCorrected',
        { ...ids, eventId: uuid(), field: 'receivedAt', value: iso(-48), reason: sealed(60) },
        actor,
      );
    }
    if (random() < 0.1) {
      yield days(3);
      yield ev(s, 'ProgramExited', { ...ids, exitedAt: iso(), reason: sealed(80) }, actor);
    } else {
      const eligible = random() < 0.8;
      yield days(6);
      yield ev(
        s,
        'EligibilityDetermined',
        { ...ids, eligible, decidedAt: iso(), reasons: sealed(120) },
        actor,
      );
      if (!eligible) return;
      if (random() < 0.1) {
        yield days(5);
        yield ev(s, 'CaseReassigned', { ...ids, accountId: pick(partner.workers) }, actor);
      }
      yield days(20);
      yield ev(s, 'Enrolled', { ...ids, enrolledAt: iso() }, actor);
      if (random() < 0.5) {
        yield days(120);
        yield ev(s, 'ProgramExited', { ...ids, exitedAt: iso(), reason: sealed(80) }, actor);
      }
    }
  }

  function* referralJourney(customerId: string, from: (typeof partners)[number], consentId: string): Journey {
    const to = pick(partners.filter((p) => p !== from));
    const referralId = uuid();
    const s = `referral-${referralId}`;
    const ids = { referralId, customerId };
    const sender = actorOf(from);
    const receiver = actorOf(to);
    yield ev(
      s,
      'ReferralMade',
      {
        ...ids,
        fromPartnerId: from.id,
        toPartnerId: to.id,
        serviceId: uuid(),
        reason: sealed(200),
        individualizedDetermination: sealed(300),
        consentId,
        sharedCategories: ['identity', 'assessment'],
        agreementId: uuid(),
        madeBy: sender.accountId,
      },
      sender,
    );
    const answer = random();
    if (answer < 0.1) {
      yield days(3);
      yield ev(s, 'ReferralCancelled', { ...ids, reason: sealed(80) }, sender);
      return;
    }
    if (answer < 0.25) {
      yield days(3);
      yield ev(
        s,
        'ReferralRejected',
        {
          ...ids,
          reasonCode: pick(['no-capacity', 'not-eligible', 'referred-elsewhere']),
          reason: sealed(80),
        },
        receiver,
      );
      if (random() < 0.7) {
        yield days(4);
        yield ev(s, 'ReferralClosed', { ...ids }, sender);
      }
      return;
    }
    yield days(3);
    yield ev(s, 'ReferralAccepted', { ...ids, acceptedBy: receiver.accountId }, receiver);
    yield days(5);
    yield ev(s, 'ReferralAppointmentScheduled', { ...ids, at: iso(72) }, receiver);
    if (random() < 0.15) {
      yield days(2);
      yield ev(s, 'ReferralReassigned', { ...ids, accountId: pick(to.workers) }, receiver);
    }
    yield days(7);
    yield ev(s, 'ReferralStarted', ids, receiver);
    const completed = random() < 0.75;
    yield days(30);
    yield ev(
      s,
      'ReferralOutcomeRecorded',
      {
        ...ids,
        status: completed ? 'completed' : 'failed',
        outcome: completed ? 'got-help' : pick(['could-not-contact', 'no-longer-interested']),
        details: sealed(150),
      },
      receiver,
    );
    if (random() < 0.8) {
      yield days(5);
      yield ev(s, 'ReferralClosed', { ...ids, note: sealed(60) }, sender);
    }
  }

  function* planJourney(customerId: string, partner: (typeof partners)[number]): Journey {
    const planId = uuid();
    const s = `plan-${planId}`;
    const ids = { planId, customerId };
    const actor = actorOf(partner);
    yield ev(
      s,
      'PlanCreated',
      {
        ...ids,
        partnerId: partner.id,
        kind: 'employability-plan',
        goals: sealed(200),
        createdBy: actor.accountId,
        customerParticipation: { present: random() < 0.85, customerGoals: sealed(150) },
      },
      actor,
    );
    yield days(1);
    yield ev(
      s,
      'PlanActivityAssigned',
      {
        ...ids,
        activityId: uuid(),
        type: pick(['job-search', 'education', 'training']),
        providerPartnerId: partner.id,
        startDate: iso().slice(0, 10),
        endDate: iso(24 * 90).slice(0, 10),
        weeklyHours: 20,
      },
      actor,
    );
    const items = [uuid(), uuid()];
    for (const itemId of items) {
      yield days(2);
      const item = { itemId, assignee: pick(['participant', 'worker']), description: sealed(100) };
      yield ev(s, 'ActionItemCreated', { ...ids, ...item, dueDate: iso(24 * 14).slice(0, 10) }, actor);
    }
    yield days(1);
    yield ev(s, 'PlanSigned', { ...ids, signer: 'participant' }, actor);
    yield days(10);
    yield ev(s, 'ActionItemCompleted', { ...ids, itemId: items[0] }, actor);
    yield days(30);
    yield ev(
      s,
      'PlanReviewed',
      { ...ids, notes: sealed(120), nextReviewDue: iso(24 * 90).slice(0, 10) },
      actor,
    );
    if (random() < 0.3) {
      yield days(60);
      yield ev(s, 'PlanClosed', { ...ids, reason: sealed(60) }, actor);
    }
  }

  function* customerJourney(): Journey {
    const customerId = uuid();
    const s = `customer-${customerId}`;
    const home = pick(partners);
    const worker = pick(home.workers);
    const actor = actorOf(home, worker);
    yield ev(
      s,
      'CustomerRegistered',
      {
        customerId,
        registeredBy: worker,
        personal: sealed(260),
        ssnHash: pool.slice(0, 64),
        ssnLast4: '1234',
        preferredLanguage: pick(['en', 'es', 'hmn']),
        clearance: { searchId: uuid(), acknowledgedCandidateIds: [] },
      },
      actor,
    );
    const consentId = uuid();
    yield 1;
    yield ev(
      s,
      'ConsentGranted',
      {
        customerId,
        consentId,
        recipients: [pick(partners).id, pick(partners).id],
        purposes: ['referral', 'service-coordination'],
        categories: ['identity', 'assessment', 'employment'],
        expiresAt: iso(24 * 365),
        method: 'signed-form',
        obtainedBy: home.id,
      },
      actor,
    );
    if (random() < 0.75) schedule(now + 2, caseJourney(customerId, home, worker));
    if (random() < 0.6) {
      const assessmentId = uuid();
      const a = `assessment-${assessmentId}`;
      yield days(3);
      yield ev(
        a,
        'AssessmentRecorded',
        {
          assessmentId,
          customerId,
          partnerId: home.id,
          kind: pick(['informal', 'comprehensive', 'skills']),
          instrument: 'W-2 informal assessment',
          performedAt: iso(),
          findings: sealed(400),
          recordedBy: worker,
        },
        actor,
      );
      if (random() < 0.25) {
        yield days(5);
        yield ev(
          a,
          'AssessmentShared',
          { assessmentId, customerId, partnerId: pick(partners).id, consentId },
          actor,
        );
      }
      if (random() < 0.08) {
        yield days(60);
        yield ev(a, 'AssessmentSuperseded', { assessmentId, customerId, reason: sealed(60) }, actor);
      }
    }
    for (let i = random() < 0.55 ? 1 + Math.floor(random() * 2) : 0; i > 0; i--)
      schedule(now + days(7), referralJourney(customerId, home, consentId));
    if (random() < 0.35) schedule(now + days(14), planJourney(customerId, home));
    if (random() < 0.1) {
      yield days(20);
      yield ev(
        s,
        'FeedbackReceived',
        {
          customerId,
          feedbackId: uuid(),
          partnerId: home.id,
          channel: 'survey',
          rating: 1 + Math.floor(random() * 5),
          comments: sealed(100),
        },
        actor,
      );
    }
    if (random() < 0.2) {
      yield days(2);
      yield ev(
        s,
        'AppealRightsExplained',
        { customerId, partnerId: home.id, program: home.program, method: 'in-person', language: 'en' },
        actor,
      );
    }
    if (random() < 0.02) {
      yield days(30);
      yield ev(
        s,
        'ComplaintFiled',
        { customerId, complaintId: uuid(), partnerId: home.id, subject: sealed(60), details: sealed(300) },
        actor,
      );
    }
    if (random() < 0.05) {
      yield days(40);
      yield ev(s, 'ConsentRevoked', { customerId, consentId, reason: sealed(60) }, actor);
    }
  }

  for (; ; now++) {
    // About 135 new customers a day, arriving in office hours.
    if (now % 24 < 9) for (let i = 0; i < 15; i++) schedule(now, customerJourney());
    const due = buckets.get(now) ?? [];
    buckets.delete(now);
    for (const journey of due) {
      for (let step = journey.next(); !step.done; step = journey.next()) {
        if (typeof step.value === 'number') {
          schedule(now + step.value, journey);
          break;
        }
        yield step.value;
      }
    }
  }
}

/** The first `count` events of the history, as appends (each its own command, `any` revision). */
export function* ledgerAppends(count: number, seed = 7): Generator<AppendRequest & { at: number }> {
  let n = 0;
  for (const { at, stream, event, actor } of ledgerHistory(seed)) {
    if (n >= count) return;
    const commandId = `history-${seed}-${n++}`;
    const occurredAt = new Date(at).toISOString();
    const metadata = { actor, commandId, correlationId: commandId, occurredAt, workReason: 'casework' };
    yield { stream, events: [event], expectedRevision: 'any', metadata, at };
  }
}

/** The 1,000,000-event ledger history, made once (seeded) and cached under bench/.data/. */
export function ledgerMillionEvents(): string {
  const file = join(dataDir(), 'ledger-1m.db');
  if (existsSync(file)) return file;
  const building = `${file}.building`;
  const db = openLedgerDatabase(building);
  db.pragma('synchronous = OFF');
  const writer = new SqliteWriter(db);
  let batch: (AppendRequest & { at: number })[] = [];
  const flush = () => {
    const outcomes = writer.writeBatch(
      batch.map(prepareAppend),
      new Date(batch[batch.length - 1].at).toISOString(),
    );
    if (outcomes.some((o) => !o.ok)) throw new Error('the history did not append');
    batch = [];
  };
  for (const append of ledgerAppends(1_000_000)) {
    batch.push(append);
    if (batch.length === 1000) flush();
  }
  if (batch.length > 0) flush();
  db.close();
  renameSync(building, file);
  return file;
}
