import { caseworkProjection } from './casework';
import { referralBoardProjection } from './referral-board';
import { serviceIntegrationProjection } from './service-integration';

export * from './calendar/holiday-calendar';
export * from './calendar/local-date';
export * from './calendar/us-federal-holidays';
export * from './calendar/working-days';
export * from './caseload';
export * from './casework';
export * from './referral-board';
export * from './referral-report';
export * from './service-integration';
export * from './service-integration-report';
export * from './shared/view-time';
export * from './timeliness';

/** Every read model of the ledger's views, for one ProjectionRunner. */
export const ledgerViews = [
  referralBoardProjection,
  caseworkProjection,
  serviceIntegrationProjection,
] as const;

/** The projections a projector runs (apps/ledger-projector), the same as the API runs in-process. */
export function ledgerProjections() {
  return ledgerViews;
}
