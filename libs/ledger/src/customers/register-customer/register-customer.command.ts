import type { Sealed } from '@ledger/security';
import { refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { CustomerEvent, CustomerState, PersonalDetails } from '../customer';
import { actingPartner } from '../customer-rules';

export interface RegisterCustomerPayload {
  customerId: string;
  personal: PersonalDetails;
  ssn?: string;
  sex?: string;
  preferredLanguage?: string;
  clearance: { searchId?: string; acknowledgedCandidateIds: string[] };
}

export class RegisterCustomer extends LedgerCommand<RegisterCustomerPayload> {}

/** What the handler hands the decision: personal details already sealed, the SSN already reduced. */
export interface RegisterCustomerDecision {
  customerId: string;
  personal: Sealed;
  ssnHash?: string;
  ssnLast4?: string;
  sex?: string;
  preferredLanguage?: string;
  clearance: { searchId?: string; acknowledgedCandidateIds: string[] };
}

export function decideRegisterCustomer(
  payload: RegisterCustomerDecision,
  state: CustomerState,
  context: RegisterCustomer['context'],
): CustomerEvent[] {
  const registeredBy = actingPartner(context);
  if (state.exists) throw refuse('CUSTOMER_EXISTS', `customer ${payload.customerId} is already registered`);
  return [{ type: 'CustomerRegistered', data: { ...payload, registeredBy } }];
}
