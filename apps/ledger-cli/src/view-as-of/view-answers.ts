import {
  accountStream,
  accounts,
  CustomerIdentities,
  DuplicateFindings,
  LedgerIndex,
  partnerCaseload,
  RuleSettings,
  readState,
  referralBoard,
  referralReport,
  SoleWriter,
  serviceIntegrationReport,
  timelinessReport,
  workerCaseload,
} from '@ledger/ledger';
import { PersonalDataProtector } from '@ledger/security';
import { DUPLICATE_KINDS, duplicateListing } from '../../../ledger-api/src/duplicates/duplicates.controller';
import { toCsv } from '../../../ledger-api/src/http/listing';
import { toCsv as boardCsv } from '../../../ledger-api/src/views/csv';
import {
  REFERRAL_BOARD_COLUMNS,
  REFERRAL_STATUSES,
} from '../../../ledger-api/src/views/referral-board.controller';
import { oneOf, reportDates, text, uuid, word } from '../../../ledger-api/src/views/view-request';
import { caseloadRows, flatten } from './flatten';
import type { LedgerAsOf } from './views-as-of';

type Parser = (value: string, name: string) => string;
export type Filter = Record<string, string | undefined>;

export interface ViewAnswer {
  /** The API route whose answer this is, as it stood then. */
  route: string;
  /** CLI option → the route's parameter and how it is checked (as the route checks it). */
  options: Record<string, [parameter: string, parse: Parser]>;
  required?: string[];
  csv(ledger: LedgerAsOf, filter: Filter): Promise<string>;
}

const reportOptions = (withProgram: boolean, timeZone: string) => ({
  partner: ['partnerId', uuid] as [string, Parser],
  ...(withProgram ? { program: ['program', word] as [string, Parser] } : {}),
  from: ['from', reportDates(timeZone)] as [string, Parser],
  to: ['to', reportDates(timeZone)] as [string, Parser],
});

/** The views `view <name>` builds, named after their routes. */
export function viewAnswers(timeZone: string): Record<string, ViewAnswer> {
  return {
    referrals: {
      route: 'GET /referrals',
      options: {
        customer: ['customerId', uuid],
        partner: ['partnerId', uuid],
        status: ['status', oneOf(REFERRAL_STATUSES)],
      },
      async csv(ledger, filter) {
        const database = await ledger.views();
        const items = [];
        let cursor: string | undefined;
        do {
          const page = await referralBoard(database, { ...filter, limit: 1000, cursor }, ledger.time().now);
          items.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor);
        return boardCsv(REFERRAL_BOARD_COLUMNS, items as unknown as Record<string, unknown>[]);
      },
    },
    'caseload-worker': {
      route: 'GET /caseloads/workers/{accountId}',
      options: { worker: ['accountId', uuid] },
      required: ['worker'],
      async csv(ledger, { accountId }) {
        const account = await readState(ledger.store, accountStream(accountId!), accounts);
        if (!account.exists) throw new Error(`no account ${accountId} then`);
        const database = await ledger.views();
        const caseload = await workerCaseload(
          database,
          { accountId: accountId!, partnerId: account.partnerId },
          ledger.time(),
        );
        return toCsv(caseloadRows([caseload]));
      },
    },
    'caseload-partner': {
      route: 'GET /caseloads/partners/{partnerId}',
      options: { partner: ['partnerId', uuid] },
      required: ['partner'],
      async csv(ledger, { partnerId }) {
        const database = await ledger.views();
        const caseload = await partnerCaseload(database, partnerId!, ledger.time());
        return toCsv(caseloadRows([...caseload.workers, { accountId: null, ...caseload.unassigned }]));
      },
    },
    'referral-report': {
      route: 'GET /reports/referrals',
      options: reportOptions(false, timeZone),
      async csv(ledger, filter) {
        const report = await referralReport(await ledger.views(), filter, timeZone);
        return toCsv(report.pairs.map((pair) => flatten(pair)));
      },
    },
    timeliness: {
      route: 'GET /reports/timeliness',
      options: reportOptions(true, timeZone),
      async csv(ledger, filter) {
        const database = await ledger.views();
        return toCsv((await timelinessReport(database, filter, ledger.time())).standards);
      },
    },
    'service-integration': {
      route: 'GET /reports/service-integration',
      options: reportOptions(true, timeZone),
      async csv(ledger, filter) {
        const settings = { timeZone, assessmentReuseDays: ledger.config.assessmentReuseDays };
        return toCsv([await serviceIntegrationReport(await ledger.views(), filter, settings)]);
      },
    },
    duplicates: {
      route: 'GET /duplicates',
      options: { kind: ['kind', oneOf(DUPLICATE_KINDS)], status: ['status', text] },
      // Not a table of the read database: found from the store as the API finds them, here the store as of then.
      async csv({ store, vault, config }, filter) {
        const settings = new RuleSettings(
          config.assessmentReuseDays,
          config.weeklyHoursLimit,
          config.timezone,
        );
        const identities = new CustomerIdentities(
          store,
          new PersonalDataProtector(vault),
          new SoleWriter(false),
        );
        const findings = new DuplicateFindings(store, identities, new LedgerIndex(store), settings);
        return toCsv(duplicateListing(await findings.list(), filter));
      },
    },
  };
}
