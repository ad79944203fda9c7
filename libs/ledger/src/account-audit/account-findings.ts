import type { RecordedEvent } from '@ledger/event-sourcing';
import { v5 as uuidv5 } from 'uuid';

export type AccountFindingKind =
  | 'late-termination'
  | 'inactive-unreviewed'
  | 'too-many-roles'
  | 'fep-with-supervisor'
  | 'activity-after-termination'
  | 'activity-while-disabled'
  | 'weak-work-reason'
  | 'no-authoriser';

export interface Evidence {
  stream: string;
  revision: number;
  eventId: string;
}

/** api.md "View answers": an account-audit finding with the events that show it. */
export interface AccountFinding {
  findingId: string;
  kind: AccountFindingKind;
  accountId: string;
  detectedAt: string;
  evidence: Evidence[];
  status: 'open' | 'resolved';
}

const NAMESPACE = '8e3c2f1a-77d4-4c55-9a0b-3d2e1f0c9b8a';
const MAX_EVIDENCE = 100;

export const evidenceOf = (event: RecordedEvent): Evidence => ({
  stream: event.stream,
  revision: event.revision,
  eventId: event.eventId,
});

/** One finding per account, kind and first evidence; later evidence of the same kind is added to it. */
export function findingFor(
  kind: AccountFindingKind,
  accountId: string,
  first: RecordedEvent,
): AccountFinding {
  return {
    findingId: uuidv5(`${kind}:${accountId}:${first.eventId}`, NAMESPACE),
    kind,
    accountId,
    detectedAt: first.metadata.recordedAt,
    evidence: [evidenceOf(first)],
    status: 'open',
  };
}

export function addEvidence(finding: AccountFinding, event: RecordedEvent): void {
  if (finding.evidence.length < MAX_EVIDENCE) finding.evidence.push(evidenceOf(event));
}

/** A work reason that says nothing: blank after trimming, or one of the configured empty phrases. */
export function isWeakWorkReason(reason: string | undefined, weak: readonly string[]): boolean {
  if (reason === undefined) return false;
  const said = reason.trim().toLowerCase();
  return said.length === 0 || weak.includes(said);
}

export const DEFAULT_WEAK_WORK_REASONS = ['test', 'n/a', 'na', '.', '-', 'none', 'x', 'asdf', 'work'];
