import { refuse, wrongPartner } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { CaseEvent, CaseState } from '../case';

export interface ReceiveApplicationPayload {
  caseId: string;
  customerId: string;
  partnerId: string;
  program: string;
  receivedAt: string;
  channel: string;
}

export class ReceiveApplication extends LedgerCommand<ReceiveApplicationPayload> {}

/** Facts from other streams: the customer (registered, not merged) and the partner (active, runs it). */
export interface ApplicationFacts {
  customer: { exists: boolean; mergedInto?: string };
  partner: { exists: boolean; active: boolean; programs: string[] };
}

export function decideReceiveApplication(
  { customer, partner, ...payload }: ReceiveApplicationPayload & ApplicationFacts,
  state: CaseState,
  context: ReceiveApplication['context'],
): CaseEvent[] {
  if (context.actor.partnerId !== payload.partnerId)
    throw wrongPartner('a partner records applications for itself only');
  if (state.exists) throw refuse('CASE_EXISTS', `case ${payload.caseId} already exists`);
  if (!customer.exists) throw refuse('CUSTOMER_NOT_FOUND', `customer ${payload.customerId} does not exist`);
  if (customer.mergedInto) {
    throw refuse('CUSTOMER_MERGED', `customer ${payload.customerId} was merged into ${customer.mergedInto}`, {
      survivingId: customer.mergedInto,
    });
  }
  if (!partner.exists || !partner.active)
    throw refuse('PARTNER_INACTIVE', `partner ${payload.partnerId} is not active`);
  if (!partner.programs.includes(payload.program)) {
    throw refuse('PROGRAM_NOT_RUN', `partner ${payload.partnerId} does not run ${payload.program}`, {
      program: payload.program,
    });
  }
  return [{ type: 'ApplicationReceived', data: { ...payload, assignedTo: context.actor.accountId } }];
}
