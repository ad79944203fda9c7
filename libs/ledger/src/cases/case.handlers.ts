import type { DomainEvent } from '@ledger/event-sourcing';
import { type AccountState, accountStream, accounts } from '../accounts/account';
import { customerStream, customers } from '../customers/customer';
import { readPartner } from '../partners/read-partner';
import type { Decide } from '../shared/execute';
import type { LedgerCommand } from '../shared/ledger-command';
import { readState } from '../shared/read-state';
import { type Preparation, recordHandler } from '../shared/record-handler';
import { type CaseEvent, type CaseState, caseStream, cases } from './case';
import {
  CorrectCaseStep,
  correctableKind,
  decideCorrectCaseStep,
} from './correct-case-step/correct-case-step.command';
import {
  DetermineEligibility,
  decideDetermineEligibility,
} from './determine-eligibility/determine-eligibility.command';
import { decideEnroll, Enroll } from './enroll/enroll.command';
import { decideExitProgram, ExitProgram } from './exit-program/exit-program.command';
import { decideReassignCase, ReassignCase } from './reassign-case/reassign-case.command';
import {
  decideReceiveApplication,
  ReceiveApplication,
} from './receive-application/receive-application.command';
import { decideScheduleInterview, ScheduleInterview } from './schedule-interview/schedule-interview.command';

function onCase<P extends { caseId: string }, D>(
  command: new (...args: never[]) => LedgerCommand<P>,
  prepare: (payload: P, with_: Preparation<CaseState>) => Promise<D>,
  decide: Decide<D, CaseEvent, CaseState>,
) {
  return recordHandler<P, D, CaseEvent & DomainEvent, CaseState>({
    command,
    stream: (p) => caseStream(p.caseId),
    category: cases,
    customerOf: (p, state) => state.customerId ?? (p as { customerId?: string }).customerId,
    prepare,
    decide,
    answer: (p) => ({ id: p.caseId }),
  });
}

const asIs = async <P>(payload: P) => payload;

/** The account a record is reassigned to, as the rule needs it. */
export async function readAssignee(with_: Preparation<unknown>, accountId: string) {
  const account: AccountState = await readState(with_.store, accountStream(accountId), accounts);
  return { exists: account.exists, active: account.status === 'active', partnerId: account.partnerId };
}

export const caseHandlers = [
  onCase(
    ReceiveApplication,
    async (p, { store }) => {
      const customer = await readState(store, customerStream(p.customerId), customers);
      const partner = await readPartner(store, p.partnerId);
      return { ...p, customer, partner };
    },
    decideReceiveApplication,
  ),
  onCase(ScheduleInterview, asIs, decideScheduleInterview),
  onCase(
    DetermineEligibility,
    async (p, { seal }) => ({ ...p, reasons: await seal(p.reasons) }),
    decideDetermineEligibility,
  ),
  onCase(Enroll, asIs, decideEnroll),
  onCase(ExitProgram, async (p, { seal }) => ({ ...p, reason: await seal(p.reason) }), decideExitProgram),
  onCase(
    CorrectCaseStep,
    async (p, with_) => {
      const history = await with_.store.readStream(caseStream(p.caseId)).catch(() => []);
      const target = history.find((e) => e.eventId === p.eventId && e.type !== 'CaseStepCorrected');
      const sealValue = target && correctableKind(target.type, p.field) === 'text';
      return {
        ...p,
        value: sealValue ? await with_.seal(p.value) : p.value,
        reason: await with_.seal(p.reason),
        target: target && { type: target.type },
      };
    },
    decideCorrectCaseStep,
  ),
  onCase(
    ReassignCase,
    async (p, with_) => ({ ...p, assignee: await readAssignee(with_, p.accountId) }),
    decideReassignCase,
  ),
];
