/** The exact strings of api.md "Vocabularies". Catalogues agencies extend are defaults loaded at start-up. */
export const PARTNER_KINDS = [
  'w2-agency',
  'core-program',
  'required-partner',
  'child-welfare',
  'income-maintenance',
  'community',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const PROGRAMS = [
  'w2',
  'learnfare',
  'children-first',
  'tj',
  'tmj',
  'wioa-adult',
  'wioa-dislocated-worker',
  'wioa-youth',
  'adult-education',
  'wagner-peyser',
  'vocational-rehabilitation',
  'fset',
  'foodshare',
  'medicaid',
  'child-support',
  'child-care',
  'child-welfare',
  'job-corps',
  'snap',
  'community-services',
] as const;

export const ROLES = [
  'cf-case-manager',
  'tj-worker',
  'tmj-worker',
  'w2-office-administration',
  'w2-fep',
  'w2-resource-specialist',
  'w2-case-management-other',
  'w2-case-management-supervisor',
  'w2-qc-staff',
  'partner-case-manager',
  'partner-administrator',
  'security-officer',
  'auditor',
  'analyst',
] as const;
export type Role = (typeof ROLES)[number];
export const LEDGER_ROLES: readonly Role[] = [
  'security-officer',
  'auditor',
  'analyst',
  'partner-administrator',
];

export const DATA_CATEGORIES = [
  'identity',
  'contact',
  'assessment',
  'plan',
  'employment',
  'education',
  'income',
  'health',
  'disability',
  'substance-use',
  'child-welfare',
] as const;

export const CONSENT_PURPOSES = ['referral', 'service-coordination', 'eligibility', 'evaluation'] as const;
export const CONSENT_METHODS = ['signed-form', 'electronic-signature', 'verbal'] as const;
export const APPLICATION_CHANNELS = ['in-person', 'phone', 'online', 'mail'] as const;
export const ASSESSMENT_KINDS = [
  'informal',
  'comprehensive',
  'skills',
  'career-interest',
  'barriers',
  'literacy',
] as const;
export const PLAN_KINDS = [
  'employability-plan',
  'individual-employment-plan',
  'service-plan',
  'child-welfare-case-plan',
] as const;
export const ACTIVITY_TYPES = [
  'job-search',
  'work-experience',
  'education',
  'training',
  'counseling',
  'parenting-class',
  'substance-use-treatment',
  'mental-health-services',
  'vocational-rehabilitation',
  'other',
] as const;
export const REFERRAL_STATUSES = [
  'requested',
  'accepted',
  'rejected',
  'in-progress',
  'completed',
  'failed',
  'cancelled',
] as const;
export const REFERRAL_OUTCOMES = [
  'got-help',
  'could-not-contact',
  'not-eligible',
  'no-capacity',
  'no-longer-interested',
  'referred-elsewhere',
] as const;
export const INCIDENT_KINDS = [
  'unauthorized-use',
  'unauthorized-disclosure',
  'record-without-work-reason',
  'lost-or-stolen-device',
  'other',
] as const;
export const FEEDBACK_CHANNELS = ['survey', 'in-person', 'phone', 'online'] as const;
export const EXPLANATION_METHODS = ['in-person', 'phone', 'written'] as const;
export const SIGNERS = ['participant', 'worker', 'supervisor'] as const;
export const ACTION_ITEM_ASSIGNEES = ['participant', 'worker'] as const;
export const REVIEW_DECISIONS = ['keep', 'disable', 'terminate'] as const;
