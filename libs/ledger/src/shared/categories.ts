import { accounts } from '../accounts/account';
import { agreements } from '../agreements/agreement';
import { assessments } from '../assessments/assessment';
import { cases } from '../cases/case';
import { customers } from '../customers/customer';
import { findings } from '../findings/finding';
import { incidents } from '../incidents/incident';
import { partners } from '../partners/partner';
import { plans } from '../plans/plan';
import { referrals } from '../referrals/referral';

/** Each stream category's fold, for auditors who ask how a record stood at a moment. */
export const CATEGORIES: Record<
  string,
  { initialState(): unknown; evolve(state: never, event: never): unknown }
> = {
  account: accounts,
  agreement: agreements,
  assessment: assessments,
  case: cases,
  customer: customers,
  finding: findings,
  incident: incidents,
  partner: partners,
  plan: plans,
  referral: referrals,
};

/** Streams whose events are about one customer (their personal data is sealed under that customer's key). */
export const CUSTOMER_CATEGORIES = ['customer', 'case', 'assessment', 'referral', 'plan'];
