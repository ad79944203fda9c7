import { spec, testContext } from '@ledger/event-sourcing/testing/given-when-then';
import type { Sealed } from '@ledger/security';
import type { Decide } from '../shared/execute';
import { type CaseEvent, type CaseState, cases } from './case';
import { decideCorrectCaseStep } from './correct-case-step/correct-case-step.command';
import { decideDetermineEligibility } from './determine-eligibility/determine-eligibility.command';
import { decideEnroll } from './enroll/enroll.command';
import { decideExitProgram } from './exit-program/exit-program.command';
import { decideReassignCase } from './reassign-case/reassign-case.command';
import { decideReceiveApplication } from './receive-application/receive-application.command';
import { decideScheduleInterview } from './schedule-interview/schedule-interview.command';

const sealed: Sealed = { sealed: 'A256GCM', iv: 'iv', data: 'data' };
const ids = { caseId: 'case-1', customerId: 'customer-1' };
const worker = testContext({ actor: { accountId: 'worker-1', partnerId: 'w2' } });
const stranger = testContext({ actor: { accountId: 'worker-9', partnerId: 'dvr' } });
const given = <P>(decide: Decide<P, CaseEvent, CaseState>) => spec({ ...cases, decide });

const applied: CaseEvent = {
  type: 'ApplicationReceived',
  data: {
    ...ids,
    partnerId: 'w2',
    program: 'w2',
    receivedAt: '2026-03-02T15:00:00Z',
    channel: 'in-person',
    assignedTo: 'worker-1',
  },
};
const interview: CaseEvent = {
  type: 'InterviewScheduled',
  data: { ...ids, scheduledFor: '2026-03-05T15:00:00Z' },
};
const eligible: CaseEvent = {
  type: 'EligibilityDetermined',
  data: { ...ids, eligible: true, decidedAt: '2026-03-10T15:00:00Z', reasons: sealed },
};
const ineligible: CaseEvent = {
  type: 'EligibilityDetermined',
  data: { ...ids, eligible: false, decidedAt: '2026-03-10T15:00:00Z', reasons: sealed },
};
const enrolled: CaseEvent = { type: 'Enrolled', data: { ...ids, enrolledAt: '2026-03-11T15:00:00Z' } };
const exited: CaseEvent = {
  type: 'ProgramExited',
  data: { ...ids, exitedAt: '2026-06-01T15:00:00Z', reason: sealed },
};
const transitionRefused = expect.objectContaining({ code: 'TRANSITION_NOT_ALLOWED' });

describe('case decider', () => {
  const facts = { customer: { exists: true }, partner: { exists: true, active: true, programs: ['w2'] } };
  const application = {
    ...ids,
    partnerId: 'w2',
    program: 'w2',
    receivedAt: '2026-03-02T15:00:00Z',
    channel: 'in-person',
  };

  it('receives an application for the actor’s own partner, assigned to the actor', () => {
    given(decideReceiveApplication)
      .given([])
      .when({ ...application, ...facts }, worker)
      .thenEmits([applied]);
  });

  it.each([
    ['another partner', { ...application, ...facts, partnerId: 'dvr' }, 'WRONG_PARTNER'],
    ['an unknown customer', { ...application, ...facts, customer: { exists: false } }, 'CUSTOMER_NOT_FOUND'],
    [
      'a merged customer',
      { ...application, ...facts, customer: { exists: true, mergedInto: 'c-2' } },
      'CUSTOMER_MERGED',
    ],
    ['a program the partner does not run', { ...application, ...facts, program: 'tj' }, 'PROGRAM_NOT_RUN'],
  ])('refuses an application for %s', (_name, payload, code) => {
    given(decideReceiveApplication)
      .given([])
      .when(payload, worker)
      .thenThrows(expect.objectContaining({ code }));
  });

  it('schedules and reschedules the interview until eligibility is decided', () => {
    given(decideScheduleInterview)
      .given([applied])
      .when({ caseId: 'case-1', scheduledFor: '2026-03-05T15:00:00Z' }, worker)
      .thenEmits([interview]);
    given(decideScheduleInterview)
      .given([applied, interview])
      .when({ caseId: 'case-1', scheduledFor: '2026-03-05T15:00:00Z' }, worker)
      .thenEmits([interview]);
    given(decideScheduleInterview)
      .given([applied, eligible])
      .when({ caseId: 'case-1', scheduledFor: 'x' }, worker)
      .thenThrows(transitionRefused);
  });

  it('decides eligibility with or without an interview, once', () => {
    const decision = { caseId: 'case-1', eligible: true, decidedAt: '2026-03-10T15:00:00Z', reasons: sealed };
    given(decideDetermineEligibility).given([applied]).when(decision, worker).thenEmits([eligible]);
    given(decideDetermineEligibility)
      .given([applied, interview])
      .when(decision, worker)
      .thenEmits([eligible]);
    given(decideDetermineEligibility)
      .given([applied, eligible])
      .when(decision, worker)
      .thenThrows(transitionRefused);
  });

  it('enrolls only an eligible case', () => {
    const enrollment = { caseId: 'case-1', enrolledAt: '2026-03-11T15:00:00Z' };
    given(decideEnroll).given([applied, eligible]).when(enrollment, worker).thenEmits([enrolled]);
    given(decideEnroll).given([applied]).when(enrollment, worker).thenThrows(transitionRefused);
    given(decideEnroll).given([applied, ineligible]).when(enrollment, worker).thenThrows(transitionRefused);
  });

  it('exits from any open step, never from a closed one', () => {
    const exit = { caseId: 'case-1', exitedAt: '2026-06-01T15:00:00Z', reason: sealed };
    for (const history of [
      [applied],
      [applied, interview],
      [applied, eligible],
      [applied, eligible, enrolled],
    ]) {
      given(decideExitProgram).given(history).when(exit, worker).thenEmits([exited]);
    }
    given(decideExitProgram).given([applied, ineligible]).when(exit, worker).thenThrows(transitionRefused);
    given(decideExitProgram)
      .given([applied, eligible, enrolled, exited])
      .when(exit, worker)
      .thenThrows(transitionRefused);
  });

  it('lets only the case’s partner act on it', () => {
    given(decideEnroll)
      .given([applied, eligible])
      .when({ caseId: 'case-1', enrolledAt: 'x' }, stranger)
      .thenThrows(expect.objectContaining({ code: 'WRONG_PARTNER' }));
  });

  it('corrects a step’s own time, naming the event, and nothing that is not correctable', () => {
    const correction = {
      caseId: 'case-1',
      eventId: 'e-1',
      field: 'receivedAt',
      value: '2026-03-01T15:00:00Z',
      reason: sealed,
    };
    given(decideCorrectCaseStep)
      .given([applied])
      .when({ ...correction, target: { type: 'ApplicationReceived' } }, worker)
      .thenEmits([{ type: 'CaseStepCorrected', data: { ...ids, ...correction } }]);
    given(decideCorrectCaseStep)
      .given([applied])
      .when({ ...correction, field: 'program', target: { type: 'ApplicationReceived' } }, worker)
      .thenThrows(expect.objectContaining({ status: 400 }));
    given(decideCorrectCaseStep)
      .given([applied])
      .when(correction, worker)
      .thenThrows(expect.objectContaining({ code: 'EVENT_NOT_FOUND' }));
  });

  it('reassigns within the partner only', () => {
    const to = (assignee: object) => ({
      caseId: 'case-1',
      accountId: 'worker-2',
      assignee: { exists: true, active: true, partnerId: 'w2', ...assignee },
    });
    given(decideReassignCase)
      .given([applied])
      .when(to({}), worker)
      .thenEmits([{ type: 'CaseReassigned', data: { ...ids, accountId: 'worker-2' } }]);
    given(decideReassignCase)
      .given([applied])
      .when(to({ partnerId: 'dvr' }), worker)
      .thenThrows(expect.objectContaining({ code: 'ASSIGNEE_NOT_IN_PARTNER' }));
    given(decideReassignCase)
      .given([applied])
      .when(to({ exists: false }), worker)
      .thenThrows(expect.objectContaining({ code: 'ACCOUNT_NOT_FOUND' }));
  });
});
