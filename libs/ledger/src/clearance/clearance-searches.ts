import { randomUUID } from 'node:crypto';
import { canonicalJson, sha256Hex } from '@ledger/event-sourcing';
import type { Candidate, Identity } from '@ledger/matching';
import { SsnHasher } from '@ledger/security';
import { Injectable } from '@nestjs/common';
import { CustomerIdentities } from './customer-identities';

export interface ClearanceQuery {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  ssn?: string;
  sex?: string;
  address?: { line1: string; city: string; state: string; postalCode: string };
  phone?: string;
}

/** A candidate as a worker sees it: scored and explained, with an identity masked to confirm with the customer. */
export interface ClearanceCandidate extends Candidate {
  display: { initials: string; birthYear: string; ssnLast4?: string; city?: string };
}

const KEPT_MS = 24 * 3600_000;
const KEPT_MAX = 100_000;
/**
 * How long a search is reused as it was. A registration arriving this soon after its search was registered
 * right after it; the registrations this process has in flight are checked anyway (claims), and one that
 * slipped through in between is still found by the duplicate findings.
 */
const TRUSTED_MS = 10_000;

/**
 * Clearance: the search before registering. A search is kept for a day, so registering with its
 * `searchId` reuses its candidates when the identity is unchanged (the agency app's usual path).
 */
@Injectable()
export class ClearanceSearches {
  private readonly kept = new Map<
    string,
    { identityKey: string; candidates: ClearanceCandidate[]; at: number }
  >();

  constructor(
    private readonly identities: CustomerIdentities,
    private readonly ssn: SsnHasher,
  ) {}

  async search(
    query: ClearanceQuery,
    now = Date.now(),
  ): Promise<{ searchId: string; candidates: ClearanceCandidate[] }> {
    const identity = this.identityOf(query);
    const candidates = await this.find(identity);
    const searchId = randomUUID();
    if (this.kept.size >= KEPT_MAX) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(searchId, { identityKey: keyOf(identity), candidates, at: now });
    return { searchId, candidates };
  }

  /**
   * A registration's candidates: those of the earlier search it names (what the worker was shown, if the
   * identity is unchanged), or of a search made now, and the registrations of this process still in flight
   * (see `CustomerIdentities.claim`). `release` the claim once the registration is appended or refused.
   */
  async claim(
    customerId: string,
    identity: Identity,
    searchId?: string,
    now = Date.now(),
  ): Promise<{ candidates: ClearanceCandidate[]; release(): void }> {
    const found = await this.candidatesOf(identity, searchId, now);
    const claim = this.identities.claim(customerId, identity);
    const inFlight = claim.candidates.map((candidate) => ({
      ...candidate,
      display: masked(this.identities.claimedIdentity(candidate.customerId)),
    }));
    const candidates = [...found, ...inFlight].sort((a, b) => b.score - a.score);
    return { candidates, release: claim.release };
  }

  /**
   * The candidates of an earlier search of the same identity, as the worker was shown them (api.md: the
   * search is reused). Past TRUSTED_MS the worker may have been filling in the form for minutes, so the
   * search is run again and whoever it finds besides (registered meanwhile) must be acknowledged too.
   */
  private async candidatesOf(identity: Identity, searchId: string | undefined, now: number) {
    const kept = searchId ? this.kept.get(searchId) : undefined;
    if (!kept || kept.identityKey !== keyOf(identity) || now - kept.at >= KEPT_MS) return this.find(identity);
    if (now - kept.at < TRUSTED_MS) return kept.candidates;
    const shown = new Set(kept.candidates.map((candidate) => candidate.customerId));
    const fresh = await this.find(identity);
    return [...kept.candidates, ...fresh.filter((candidate) => !shown.has(candidate.customerId))];
  }

  private identityOf({ ssn, ...rest }: ClearanceQuery): Identity {
    return { ...rest, ...(ssn ? this.ssn.protect(ssn) : {}) };
  }

  private async find(identity: Identity): Promise<ClearanceCandidate[]> {
    const candidates = await this.identities.search(identity, { limit: 20 });
    return Promise.all(
      candidates.map(async (candidate) => {
        const known = await this.identities.identityOf(candidate.customerId);
        return { ...candidate, display: masked(known) };
      }),
    );
  }
}

function keyOf(identity: Identity): string {
  return sha256Hex(canonicalJson(identity));
}

function masked(identity: Identity | undefined): ClearanceCandidate['display'] {
  if (!identity) return { initials: '', birthYear: '' };
  return {
    initials: `${identity.firstName.charAt(0)}${identity.lastName.charAt(0)}`.toUpperCase(),
    birthYear: identity.dateOfBirth.slice(0, 4),
    ...(identity.ssnLast4 ? { ssnLast4: identity.ssnLast4 } : {}),
    ...(identity.address?.city ? { city: identity.address.city } : {}),
  };
}
