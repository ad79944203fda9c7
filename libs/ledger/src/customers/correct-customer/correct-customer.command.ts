import type { Sealed } from '@ledger/security';
import { invalid } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { CustomerEvent, CustomerState, PersonalDetails } from '../customer';
import { requireCustomer } from '../customer-rules';

export interface CorrectCustomerPayload {
  customerId: string;
  personal: Partial<PersonalDetails>;
  ssn?: string;
  sex?: string;
  preferredLanguage?: string;
  reason: string;
  /** Staff who may correct contact details only (w2-office-administration). */
  contactOnly: boolean;
}

export class CorrectCustomer extends LedgerCommand<CorrectCustomerPayload> {}

export interface CorrectCustomerDecision {
  customerId: string;
  fields: string[];
  personal?: Sealed;
  ssnHash?: string;
  ssnLast4?: string;
  sex?: string;
  preferredLanguage?: string;
  reason: Sealed;
  contactOnly: boolean;
}

const CONTACT_FIELDS = ['address', 'phone', 'email', 'preferredLanguage'];

export function decideCorrectCustomer(
  { contactOnly, ...payload }: CorrectCustomerDecision,
  state: CustomerState,
): CustomerEvent[] {
  requireCustomer(state);
  if (payload.fields.length === 0) throw invalid('fields', 'a correction changes at least one field');
  const identity = payload.fields.find((f) => !CONTACT_FIELDS.includes(f));
  if (contactOnly && identity) throw invalid(identity, 'your role corrects contact details only');
  return [{ type: 'CustomerDetailsCorrected', data: payload }];
}
