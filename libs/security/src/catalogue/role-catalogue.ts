/**
 * The default role catalogue (security.md "Roles and permissions"): data, not code. Agencies may load their
 * own at start-up; routes ask for a permission, never for a role.
 */
export const PERMISSIONS = [
  'directory:read',
  'partners:read',
  'partners:write',
  'agreements:write',
  'accounts:request',
  'accounts:manage',
  'accounts:read',
  'customers:clearance',
  'customers:register',
  'customers:correct',
  'customers:correct-contact',
  'customers:consent',
  'customers:involvement',
  'customers:voice',
  'customers:merge',
  'customers:read',
  'cases:write',
  'cases:intake',
  'assessments:write',
  'referrals:write',
  'plans:write',
  'work:reassign',
  'caseloads:own',
  'caseloads:partner',
  'referrals:board',
  'reports:read',
  'duplicates:read',
  'duplicates:dismiss',
  'incidents:report',
  'incidents:manage',
  'incidents:read',
  'audit:read',
  'audit:accounts',
  'disclosures:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const everyone: Permission[] = ['directory:read', 'partners:read', 'incidents:report'];
const caseworker: Permission[] = [
  ...everyone,
  'customers:clearance',
  'customers:register',
  'customers:correct',
  'customers:consent',
  'customers:involvement',
  'customers:voice',
  'customers:merge',
  'customers:read',
  'disclosures:read',
  'cases:write',
  'cases:intake',
  'assessments:write',
  'referrals:write',
  'plans:write',
  'caseloads:own',
  'referrals:board',
  'duplicates:read',
];

export const DEFAULT_ROLE_CATALOGUE: Record<string, readonly Permission[]> = {
  'cf-case-manager': caseworker,
  'tj-worker': caseworker,
  'tmj-worker': caseworker,
  'w2-fep': caseworker,
  'w2-resource-specialist': caseworker,
  'w2-case-management-other': caseworker,
  'partner-case-manager': caseworker,
  'w2-case-management-supervisor': [
    ...caseworker,
    'work:reassign',
    'caseloads:partner',
    'reports:read',
    'duplicates:dismiss',
    'accounts:request',
  ],
  'w2-office-administration': [
    ...everyone,
    'customers:clearance',
    'customers:register',
    'customers:correct-contact',
    'cases:intake',
  ],
  'w2-qc-staff': [...everyone, 'customers:read', 'reports:read', 'duplicates:read', 'duplicates:dismiss'],
  'partner-administrator': [...everyone, 'partners:write', 'agreements:write', 'accounts:request'],
  'security-officer': [
    ...everyone,
    'accounts:request',
    'accounts:manage',
    'accounts:read',
    'incidents:manage',
    'incidents:read',
    'audit:accounts',
  ],
  auditor: [
    ...everyone,
    'audit:read',
    'audit:accounts',
    'reports:read',
    'duplicates:read',
    'referrals:board',
    'disclosures:read',
    'incidents:read',
  ],
  analyst: [...everyone, 'reports:read', 'duplicates:read', 'referrals:board'],
};

export function permissionsOf(roles: readonly string[], catalogue = DEFAULT_ROLE_CATALOGUE): Set<Permission> {
  return new Set(roles.flatMap((role) => catalogue[role] ?? []));
}
