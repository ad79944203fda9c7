import { mkdirSync } from 'node:fs';
import { EventStore } from '@ledger/event-sourcing';
import {
  AccountAudit,
  accountHandlers,
  agreementHandlers,
  assessmentHandlers,
  ClearanceSearches,
  CustomerIdentities,
  CustomerRecords,
  caseHandlers,
  customerHandlers,
  Disclosures,
  DuplicateFindings,
  findingHandlers,
  incidentHandlers,
  LedgerIndex,
  partnerHandlers,
  planHandlers,
  RuleSettings,
  referralHandlers,
  SoleWriter,
} from '@ledger/ledger';
import { PersonalDataProtector, SsnHasher, TokenService } from '@ledger/security';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { AccessLog } from './access/access-log';
import { AccountsController } from './accounts/accounts.controller';
import { AgreementsController } from './agreements/agreements.controller';
import { AssessmentsController } from './assessments/assessments.controller';
import { AccountAuditController } from './audit/account-audit.controller';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/ledger-audit.provider';
import { AccountDirectory } from './auth/account-directory';
import { ActivityTracker } from './auth/activity-tracker';
import { AuthenticationGuard } from './auth/authentication.guard';
import { LoginThrottle } from './auth/login-throttle';
import { CasesController } from './cases/cases.controller';
import { ClearanceController } from './clearance/clearance.controller';
import { ScaledStoresLifecycle, selectStores } from './config/event-store-selection';
import type { LedgerConfig } from './config/ledger-config';
import { CustomersController } from './customers/customers.controller';
import { DuplicatesController } from './duplicates/duplicates.controller';
import { HealthController } from './health/health.controller';
import { Metrics } from './health/metrics';
import { Clock } from './http/clock';
import { CommandGateway } from './http/command-gateway';
import { LOGGER } from './http/json-logger';
import { ProblemFilter } from './http/problem.filter';
import { IncidentsController } from './incidents/incidents.controller';
import { DirectoryController } from './partners/directory.controller';
import { PartnersController } from './partners/partners.controller';
import { PlanActivitiesController } from './plans/plan-activities.controller';
import { PlansController } from './plans/plans.controller';
import { ReferralsController } from './referrals/referrals.controller';
import { CaseloadsController } from './views/caseloads.controller';
import { Pseudonyms } from './views/pseudonyms';
import { ReadModels } from './views/read-models';
import { ReferralBoardController } from './views/referral-board.controller';
import { ReportsController } from './views/reports.controller';

export const LEDGER_CONFIG = 'LEDGER_CONFIG';

/**
 * The embedded ledger: SQLite under the data directory, tokens signed with a key generated there; or,
 * with LEDGER_EVENT_STORE=eventstoredb, the events in EventStoreDB and the data keys in PostgreSQL.
 */
@Module({})
export class LedgerApiModule {
  static forConfig(config: LedgerConfig, { clock, logger }: { clock: Clock; logger: Logger }): DynamicModule {
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    const selected = selectStores(config, () => clock.now());
    const { store, vault } = selected;
    return {
      module: LedgerApiModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        HealthController,
        PartnersController,
        DirectoryController,
        AgreementsController,
        AccountsController,
        CustomersController,
        CasesController,
        AssessmentsController,
        ReferralBoardController,
        ReferralsController,
        IncidentsController,
        ClearanceController,
        DuplicatesController,
        AccountAuditController,
        AuditController,
        PlansController,
        PlanActivitiesController,
        CaseloadsController,
        ReportsController,
      ],
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: EventStore, useValue: store },
        { provide: Clock, useValue: clock },
        { provide: LOGGER, useValue: logger },
        { provide: TokenService, useValue: new TokenService({ ...config.jwt, dataDir: config.dataDir }) },
        { provide: SsnHasher, useValue: new SsnHasher({ dataDir: config.dataDir, key: config.ssnHmacKey }) },
        { provide: PersonalDataProtector, useValue: new PersonalDataProtector(vault) },
        { provide: ScaledStoresLifecycle, useValue: new ScaledStoresLifecycle(selected) },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        AccountDirectory,
        {
          provide: AuditService,
          inject: [EventStore, Clock],
          useFactory: (store: EventStore, auditClock: Clock) =>
            new AuditService(store, auditClock, {
              dataDir: config.dataDir,
              every: config.checkpointEvery,
              seconds: config.checkpointSeconds,
            }),
        },
        ActivityTracker,
        AccessLog,
        LedgerIndex,
        CustomerIdentities,
        // The embedded store's only writer of customers' records is this process; replicas share the scaled one.
        { provide: SoleWriter, useValue: new SoleWriter(config.eventStore === 'sqlite') },
        {
          provide: CustomerRecords,
          inject: [EventStore, PersonalDataProtector, SoleWriter],
          useFactory: (events: EventStore, protector: PersonalDataProtector, soleWriter: SoleWriter) =>
            new CustomerRecords(events, protector, { cache: soleWriter.enabled }),
        },
        ClearanceSearches,
        DuplicateFindings,
        AccountAudit,
        Disclosures,
        {
          provide: RuleSettings,
          useValue: new RuleSettings(config.assessmentReuseDays, config.weeklyHoursLimit, config.timezone),
        },
        LoginThrottle,
        Metrics,
        {
          provide: ReadModels,
          useFactory: (metrics: Metrics, clock: Clock) =>
            new ReadModels(config, store, metrics, clock, logger),
          inject: [Metrics, Clock],
        },
        { provide: Pseudonyms, useValue: new Pseudonyms(config.dataDir) },
        CommandGateway,
        ...partnerHandlers,
        ...agreementHandlers,
        ...accountHandlers,
        ...customerHandlers,
        ...caseHandlers,
        ...assessmentHandlers,
        ...referralHandlers,
        ...incidentHandlers,
        ...findingHandlers,
        ...planHandlers,
      ],
    };
  }
}
