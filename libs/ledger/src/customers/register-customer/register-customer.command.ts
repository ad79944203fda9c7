import type { Sealed } from '@ledger/security';
import { refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { CustomerEvent, CustomerState, PersonalDetails } from '../customer';
import { actingPartner } from '../customer-rules';

export interface RegisterCustomerPayload {
  customerId: string;
  /** The id was minted for this request (none given): no record or key can exist under it yet. */
  customerIdMinted?: boolean;
  personal: PersonalDetails;
  ssn?: string;
  sex?: string;
  preferredLanguage?: string;
  clearance: { searchId?: string; acknowledgedCandidateIds: string[] };
}

export class RegisterCustomer extends LedgerCommand<RegisterCustomerPayload> {}

/** What the handler hands the decision: personal details already sealed, the SSN already reduced. */
/** A clearance candidate as the registration rule needs it. */
export interface DuplicateCandidate {
  customerId: string;
  grade: 'certain' | 'probable' | 'possible';
  score: number;
  display: object;
}

export interface RegisterCustomerDecision {
  customerId: string;
  candidates: DuplicateCandidate[];
  personal: Sealed;
  ssnHash?: string;
  ssnLast4?: string;
  sex?: string;
  preferredLanguage?: string;
  clearance: { searchId?: string; acknowledgedCandidateIds: string[] };
}

/**
 * Registration only after clearance: every `certain` or `probable` candidate must be acknowledged by id,
 * or the registration is refused listing them (masked identities only: security.md's exception).
 */
export function decideRegisterCustomer(
  { candidates, ...payload }: RegisterCustomerDecision,
  state: CustomerState,
  context: RegisterCustomer['context'],
): CustomerEvent[] {
  const registeredBy = actingPartner(context);
  if (state.exists) throw refuse('CUSTOMER_EXISTS', `customer ${payload.customerId} is already registered`);
  const acknowledged = new Set(payload.clearance.acknowledgedCandidateIds);
  const unacknowledged = candidates.filter((c) => c.grade !== 'possible' && !acknowledged.has(c.customerId));
  if (unacknowledged.length > 0) {
    throw refuse(
      'PROBABLE_DUPLICATE',
      'this person may already be registered: acknowledge each candidate or use the record',
      {
        candidates: unacknowledged,
      },
    );
  }
  return [{ type: 'CustomerRegistered', data: { ...payload, registeredBy } }];
}
