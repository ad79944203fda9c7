/**
 * One customer's records across partners, as the write side's cross-record rules need them: repeated
 * assessments, duplicate open referrals, conflicting plan activities. Only ids, kinds, dates and hours;
 * nothing personal.
 */
export interface AssessmentEntry {
  assessmentId: string;
  partnerId: string;
  kind: string;
  performedAt: string;
  superseded: boolean;
}

export interface ReferralEntry {
  referralId: string;
  fromPartnerId: string;
  toPartnerId: string;
  serviceId?: string;
  status: string;
}

export interface ActivityEntry {
  activityId: string;
  type: string;
  providerPartnerId: string;
  startDate: string;
  endDate: string;
  weeklyHours: number;
  ended: boolean;
}

export interface PlanEntry {
  planId: string;
  partnerId: string;
  closed: boolean;
  activities: Map<string, ActivityEntry>;
}

export interface CustomerFile {
  customerId: string;
  assessments: Map<string, AssessmentEntry>;
  referrals: Map<string, ReferralEntry>;
  plans: Map<string, PlanEntry>;
}

export const emptyFile = (customerId: string): CustomerFile => ({
  customerId,
  assessments: new Map(),
  referrals: new Map(),
  plans: new Map(),
});

const OPEN_REFERRAL = ['requested', 'accepted', 'in-progress'];
export const referralIsOpen = (r: ReferralEntry) => OPEN_REFERRAL.includes(r.status);

/**
 * Files of records merged together, as one file of the survivor (`survivorOf`), with the ids it joins
 * (survivor first); a file on its own is given back as it is. Nothing of the given files is changed.
 */
export function filesBySurvivor(
  files: Iterable<CustomerFile>,
  survivorOf: (customerId: string) => string,
): { file: CustomerFile; customerIds: string[] }[] {
  const groups = new Map<string, CustomerFile[]>();
  for (const file of files) {
    const survivor = survivorOf(file.customerId);
    groups.set(survivor, [...(groups.get(survivor) ?? []), file]);
  }
  return [...groups].map(([survivor, group]) => {
    const customerIds = [survivor, ...group.map((f) => f.customerId).filter((id) => id !== survivor)];
    if (group.length === 1 && group[0].customerId === survivor) return { file: group[0], customerIds };
    const join = <T>(maps: Map<string, T>[]) => new Map(maps.flatMap((map) => [...map]));
    return {
      customerIds,
      file: {
        customerId: survivor,
        assessments: join(group.map((f) => f.assessments)),
        referrals: join(group.map((f) => f.referrals)),
        plans: join(group.map((f) => f.plans)),
      },
    };
  });
}
