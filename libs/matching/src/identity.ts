/** What a clearance search or a registration supplies. The SSN itself never arrives here: see `hashSsn`. */
export interface Identity {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  /** Lower-case hex HMAC-SHA-256 of the nine SSN digits under the ledger's key. */
  ssnHash?: string;
  ssnLast4?: string;
  sex?: string;
  address?: PostalAddress;
  phone?: string;
}

export interface PostalAddress {
  line1: string;
  city: string;
  state: string;
  postalCode: string;
}

/** The fields a comparison looks at, in the order reasons list them. */
export const FIELDS = ['firstName', 'lastName', 'dateOfBirth', 'ssn', 'sex', 'address', 'phone'] as const;
export type Field = (typeof FIELDS)[number];

export const AGREEMENTS = ['exact', 'close', 'different', 'missing'] as const;
export type Agreement = (typeof AGREEMENTS)[number];

/** How each field of two identities agrees: the comparison vector that scores and estimation work on. */
export type ComparisonVector = Record<Field, Agreement>;

/** The match grade vocabulary of api.md; below `possible` a record is not a candidate at all. */
export type MatchGrade = 'certain' | 'probable' | 'possible';

export interface Reason {
  field: Field;
  agreement: Agreement;
  weight: number;
}

export interface MatchResult {
  score: number;
  grade: MatchGrade | null;
  reasons: Reason[];
}

export interface Candidate extends MatchResult {
  customerId: string;
  grade: MatchGrade;
}
