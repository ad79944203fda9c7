import type { DomainEvent } from '@ledger/event-sourcing';
import { type CustomerState, customerStream, customers } from '../customers/customer';
import type { Decide } from '../shared/execute';
import type { LedgerCommand } from '../shared/ledger-command';
import { readState } from '../shared/read-state';
import { type Preparation, recordHandler } from '../shared/record-handler';
import { type AssessmentEvent, type AssessmentState, assessmentStream, assessments } from './assessment';
import {
  decideRecordAssessment,
  RecordAssessment,
  repeatedAssessmentWarnings,
} from './record-assessment/record-assessment.command';
import { decideShareAssessment, ShareAssessment } from './share-assessment/share-assessment.command';
import {
  decideSupersedeAssessment,
  SupersedeAssessment,
} from './supersede-assessment/supersede-assessment.command';

function onAssessment<P extends { assessmentId: string }, D>(
  command: new (...args: never[]) => LedgerCommand<P>,
  prepare: (payload: P, with_: Preparation<AssessmentState>) => Promise<D>,
  decide: Decide<D, AssessmentEvent, AssessmentState>,
  answer: (payload: P, decision: D) => { id: string; [key: string]: unknown } = (p) => ({
    id: p.assessmentId,
  }),
) {
  return recordHandler<P, D, AssessmentEvent & DomainEvent, AssessmentState>({
    command,
    stream: (p) => assessmentStream(p.assessmentId),
    category: assessments,
    customerOf: (p, state) => state.customerId ?? (p as { customerId?: string }).customerId,
    prepare,
    decide,
    answer,
  });
}

const readCustomer = (with_: Preparation<unknown>, customerId: string): Promise<CustomerState> =>
  readState(with_.store, customerStream(customerId), customers);

export const assessmentHandlers = [
  onAssessment(
    RecordAssessment,
    async (p, with_) => ({
      ...p,
      findings: await with_.seal(p.findings),
      customerExists: (await readCustomer(with_, p.customerId)).exists,
      warnings: repeatedAssessmentWarnings(
        with_.file.assessments.values(),
        p,
        with_.settings.assessmentReuseDays,
      ),
    }),
    ({ warnings: _w, ...decision }, state, context) => decideRecordAssessment(decision, state, context),
    (p, decision) => ({ id: p.assessmentId, warnings: decision.warnings }),
  ),
  onAssessment(
    ShareAssessment,
    async (p, with_) => {
      const customer = with_.state.customerId ? await readCustomer(with_, with_.state.customerId) : undefined;
      return { ...p, consent: customer?.consents[p.consentId] };
    },
    decideShareAssessment,
  ),
  onAssessment(
    SupersedeAssessment,
    async (p, { seal }) => ({ ...p, reason: await seal(p.reason) }),
    decideSupersedeAssessment,
  ),
];
