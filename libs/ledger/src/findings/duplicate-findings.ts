import { EventStore } from '@ledger/event-sourcing';
import { Injectable } from '@nestjs/common';
import { CustomerIdentities } from '../clearance/customer-identities';
import {
  type CustomerFile,
  filesBySurvivor,
  type ReferralEntry,
  referralIsOpen,
} from '../customer-files/customer-file';
import { LedgerIndex } from '../customer-files/ledger-index';
import { findPlanConflicts, openActivities } from '../plans/plan-conflicts';
import { RuleSettings } from '../shared/rule-settings';
import { type DuplicateFinding, findingId } from './duplicate-finding';
import { type FindingEvent, type FindingState, findings } from './finding';

const DAY = 86_400_000;

/**
 * Duplication findings (domain.md "duplicates"): probable duplicate customers, found when a registration or
 * correction arrives and kept (cleared when a merge or a correction ends the likeness); and, computed from
 * each customer's file when asked, repeated assessments, conflicting plan activities and overlapping open
 * referrals, which go when their cause goes. A reviewer's dismissal marks one acknowledged.
 */
@Injectable()
export class DuplicateFindings {
  private readonly customerFindings = new Map<string, DuplicateFinding>();
  private readonly changed = new Set<string>();

  constructor(
    private readonly store: EventStore,
    private readonly identities: CustomerIdentities,
    private readonly index: LedgerIndex,
    private readonly settings: RuleSettings,
  ) {
    identities.onChange((customerId) => this.changed.add(customerId));
  }

  async list(): Promise<DuplicateFinding[]> {
    await Promise.all([this.identities.catchUp(), this.index.catchUp()]);
    for (const customerId of [...this.changed]) {
      this.changed.delete(customerId);
      await this.refreshCustomer(customerId);
    }
    // A merged duplicate's records count as its survivor's: one person's repeats, conflicts and overlaps.
    const files = filesBySurvivor(this.index.files(), (id) => this.identities.survivorOf(id));
    const computed = files.flatMap(({ file, customerIds }) =>
      [
        ...repeatedAssessments(file, this.settings.assessmentReuseDays),
        ...conflictingActivities(file, this.settings.weeklyHoursLimit),
        ...overlappingReferrals(file, this.index.servicePrograms),
      ].map((finding) => ({ ...finding, customerIds })),
    );
    const decisions = await this.decisions();
    return [...this.customerFindings.values(), ...computed].map((finding) =>
      finding.status === 'open' && decisions.get(finding.findingId)?.dismissed
        ? { ...finding, status: 'acknowledged' }
        : finding,
    );
  }

  /** The partner that registered each customer a finding names (for scoping findings to partners). */
  registrantOf(customerId: string): string | undefined {
    return this.identities.registrantOf(customerId);
  }

  private async refreshCustomer(customerId: string): Promise<void> {
    const candidates = await this.identities.duplicatesOf(customerId);
    const current = new Set<string>();
    for (const candidate of candidates) {
      const subjectIds = [customerId, candidate.customerId].sort();
      const id = findingId('customer', subjectIds);
      current.add(id);
      this.customerFindings.set(id, {
        findingId: id,
        kind: 'customer',
        customerIds: subjectIds,
        subjectIds,
        score: candidate.score,
        grade: candidate.grade,
        evidence: candidate.reasons.map((r) => ({ ...r })),
        status: 'open',
      });
    }
    for (const finding of this.customerFindings.values()) {
      if (finding.subjectIds.includes(customerId) && !current.has(finding.findingId))
        finding.status = 'cleared';
    }
  }

  private async decisions(): Promise<Map<string, FindingState>> {
    const states = new Map<string, FindingState>();
    for (const event of await this.store.readAll({ filter: { categories: ['finding'] } })) {
      const id = (event.data as { findingId: string }).findingId;
      states.set(
        id,
        findings.evolve(states.get(id) ?? findings.initialState(), event as unknown as FindingEvent),
      );
    }
    return states;
  }
}

function repeatedAssessments(file: CustomerFile, reuseDays: number): DuplicateFinding[] {
  const live = [...file.assessments.values()].filter((a) => !a.superseded);
  return live.flatMap((a, i) =>
    live
      .slice(i + 1)
      .filter((b) => b.kind === a.kind && b.partnerId !== a.partnerId)
      .filter((b) => Math.abs(Date.parse(a.performedAt) - Date.parse(b.performedAt)) <= reuseDays * DAY)
      .map((b) => computed('assessment', file.customerId, [a.assessmentId, b.assessmentId], [a, b])),
  );
}

function conflictingActivities(file: CustomerFile, limit: number): DuplicateFinding[] {
  const activities = openActivities(file.plans.values());
  const found = new Map<string, DuplicateFinding>();
  for (const activity of activities) {
    const others = activities.filter((o) => o.activityId !== activity.activityId);
    const { conflicts } = findPlanConflicts(activity, others, limit);
    const involved = others.filter((o) =>
      conflicts.some(
        (c) =>
          c.planId === o.planId &&
          c.type === o.type &&
          c.startDate === o.startDate &&
          c.weeklyHours === o.weeklyHours,
      ),
    );
    if (involved.length === 0) continue;
    const all = [activity, ...involved];
    const finding = computed(
      'plan-activity',
      file.customerId,
      all.map((a) => a.activityId),
      all,
    );
    found.set(finding.findingId, finding);
  }
  return [...found.values()];
}

/**
 * What the write side lets through (api.md): open referrals of one customer to the same receiving partner
 * for different services, or to two partners for the same program (through services that serve it).
 */
function overlappingReferrals(
  file: CustomerFile,
  servicePrograms: ReadonlyMap<string, string[]>,
): DuplicateFinding[] {
  const open = [...file.referrals.values()].filter(referralIsOpen);
  const samePartner = [...Map.groupBy(open, (r) => r.toPartnerId).values()].filter(
    (group) => new Set(group.map((r) => r.serviceId ?? '')).size > 1,
  );
  const byProgram = new Map<string, ReferralEntry[]>();
  for (const referral of open) {
    for (const program of servicePrograms.get(referral.serviceId ?? '') ?? []) {
      byProgram.set(program, [...(byProgram.get(program) ?? []), referral]);
    }
  }
  const sameProgram = [...byProgram.values()].filter(
    (group) => new Set(group.map((r) => r.toPartnerId)).size > 1,
  );
  const found = new Map<string, DuplicateFinding>();
  for (const group of [...samePartner, ...sameProgram]) {
    const finding = computed(
      'referral',
      file.customerId,
      group.map((r) => r.referralId),
      group,
    );
    found.set(finding.findingId, finding);
  }
  return [...found.values()];
}

function computed(
  kind: DuplicateFinding['kind'],
  customerId: string,
  subjectIds: string[],
  evidence: object[],
): DuplicateFinding {
  return {
    findingId: findingId(kind, subjectIds),
    kind,
    customerIds: [customerId],
    subjectIds: [...subjectIds].sort(),
    evidence: evidence.map((e) => ({ ...e })),
    status: 'open',
  };
}
