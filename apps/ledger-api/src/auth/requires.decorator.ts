import type { Permission } from '@ledger/security';
import { SetMetadata } from '@nestjs/common';

export const PERMISSION = 'ledger:permission';
export const PUBLIC = 'ledger:public';
export const NO_WORK_REASON = 'ledger:no-work-reason';
export const AS_OF = 'ledger:as-of';

/** The permission a route needs (security.md); every route under /api/v1 names one. */
export const Requires = (permission: Permission) => SetMetadata(PERMISSION, permission);
/** Answers without a token: /health, /metrics, /api/docs only. */
export const Public = () => SetMetadata(PUBLIC, true);
/** A GET that needs no X-Work-Reason (api.md: /directory, /reports/*, /audit/public-key). */
export const NoWorkReason = () => SetMetadata(NO_WORK_REASON, true);
/** A GET that answers `?asOf=` (as the ledger stood then); every other route refuses it rather than ignore it. */
export const AcceptsAsOf = () => SetMetadata(AS_OF, true);
