import { v5 as uuidv5 } from 'uuid';

export type DuplicateKind = 'customer' | 'assessment' | 'plan-activity' | 'referral';

/** api.md "View answers": a duplication finding, with its evidence, open until dismissed or its cause goes. */
export interface DuplicateFinding {
  findingId: string;
  kind: DuplicateKind;
  /** The customers a finding concerns (so a partner sees the findings of customers it serves). */
  customerIds: string[];
  subjectIds: string[];
  score?: number;
  grade?: string;
  evidence: Record<string, unknown>[];
  status: 'open' | 'acknowledged' | 'cleared';
}

const FINDING_NAMESPACE = 'c3a1a7f0-2b1e-4d8e-8f0a-0d9c6b5e4a31';

/** The same duplication always gets the same id, however often it is found again. */
export function findingId(kind: DuplicateKind, subjectIds: readonly string[]): string {
  return uuidv5(`${kind}:${[...subjectIds].sort().join(',')}`, FINDING_NAMESPACE);
}
