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
