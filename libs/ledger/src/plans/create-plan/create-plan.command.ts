import type { Sealed } from '@ledger/security';
import { refuse, wrongPartner } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { PlanEvent, PlanState } from '../plan';

export interface CreatePlanPayload {
  planId: string;
  customerId: string;
  partnerId: string;
  kind: string;
  goals: string[];
  /** How the customer took part in making the plan, in their own words when they were there. */
  customerParticipation: { present: boolean; customerGoals?: string };
}

export class CreatePlan extends LedgerCommand<CreatePlanPayload> {}

/**
 * The payload with its free text sealed, and the facts from other streams. A customer never registered has
 * no key to seal under, so their plan comes without `sealed`, and is refused.
 */
export type PlanCreation = Omit<CreatePlanPayload, 'goals' | 'customerParticipation'> & {
  sealed?: { goals: Sealed; customerParticipation: { present: boolean; customerGoals?: Sealed } };
  customer: { exists: boolean; mergedInto?: string };
  partnerActive: boolean;
};

export function decideCreatePlan(
  { customer, partnerActive, sealed, ...payload }: PlanCreation,
  state: PlanState,
  context: CreatePlan['context'],
): PlanEvent[] {
  if (context.actor.partnerId !== payload.partnerId)
    throw wrongPartner('a partner creates plans for itself only');
  if (state.exists) throw refuse('PLAN_EXISTS', `plan ${payload.planId} already exists`);
  if (!customer.exists || !sealed)
    throw refuse('CUSTOMER_NOT_FOUND', `customer ${payload.customerId} does not exist`);
  if (customer.mergedInto) {
    throw refuse('CUSTOMER_MERGED', `customer ${payload.customerId} was merged into ${customer.mergedInto}`, {
      survivingId: customer.mergedInto,
    });
  }
  if (!partnerActive) throw refuse('PARTNER_INACTIVE', `partner ${payload.partnerId} is not active`);
  return [{ type: 'PlanCreated', data: { ...payload, ...sealed, createdBy: context.actor.accountId } }];
}
