import { randomUUID } from 'node:crypto';
import { EventStore } from '@ledger/event-sourcing';
import {
  CorrectCustomer,
  CustomerRecords,
  customerAccess,
  Disclosures,
  DomainError,
  EndInvolvement,
  ExplainAppealRights,
  FileComplaint,
  GrantConsent,
  MergeCustomers,
  ReceiveFeedback,
  RecordInvolvement,
  RegisterCustomer,
  RevokeConsent,
  UndoMerge,
} from '@ledger/ledger';
import { permissionsOf } from '@ledger/security';
import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AccessLog } from '../access/access-log';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Requires } from '../auth/requires.decorator';
import { Clock } from '../http/clock';
import { CommandGateway } from '../http/command-gateway';
import { answerList, pageRequest } from '../http/listing';
import { UuidParam } from '../http/params';
import { fail } from '../http/problem';
import {
  AppealRightsDto,
  ComplaintDto,
  CorrectCustomerDto,
  EndInvolvementDto,
  FeedbackDto,
  GrantConsentDto,
  MergeDto,
  ReasonDto,
  RecordInvolvementDto,
  RegisterCustomerDto,
} from './customer.dto';

/** Commands on a customer's record all need a work reason (api.md "Work reason"). */
const customerRecord = { workReasonRequired: true };

@Controller('api/v1/customers')
export class CustomersController {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly accessLog: AccessLog,
    private readonly disclosureLog: Disclosures,
    private readonly records: CustomerRecords,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires('customers:register')
  register(@Body() dto: RegisterCustomerDto, @Req() request: LedgerRequest) {
    const {
      customerId,
      firstName,
      lastName,
      dateOfBirth,
      address,
      phone,
      email,
      ssn,
      sex,
      preferredLanguage,
    } = dto;
    const personal = { firstName, lastName, dateOfBirth, address: address && { ...address }, phone, email };
    const clearance = {
      searchId: dto.clearance?.searchId,
      acknowledgedCandidateIds: dto.clearance?.acknowledgedCandidateIds ?? [],
    };
    return this.gateway.run(
      request,
      RegisterCustomer,
      {
        customerId: customerId ?? randomUUID(),
        customerIdMinted: customerId === undefined,
        personal: JSON.parse(JSON.stringify(personal)),
        ssn,
        sex,
        preferredLanguage,
        clearance,
      },
      customerRecord,
    );
  }

  @Get(':id')
  @Requires('customers:read')
  async read(@UuidParam('id') id: string, @Req() request: LedgerRequest) {
    try {
      const summary = await this.records.summary(id, request.actor!, this.clock.now());
      const categories = ['identity', 'contact'].filter((c) => c in summary);
      // The answer waits for its record: an answer that went out always has one (security.md).
      if (categories.length > 0)
        await this.accessLog.recordAccess(request, { customerId: id, categories, kind: 'read' });
      return summary;
    } catch (error) {
      if (error instanceof DomainError && error.status === 403)
        await this.accessLog.recordDenial(request, error.code, id);
      throw error;
    }
  }

  @Post(':id/merges')
  @HttpCode(200)
  @Requires('customers:merge')
  merge(@UuidParam('id') customerId: string, @Body() dto: MergeDto, @Req() request: LedgerRequest) {
    return this.gateway.run(
      request,
      MergeCustomers,
      { customerId, duplicateId: dto.duplicateId, reason: dto.reason },
      customerRecord,
    );
  }

  @Post(':id/merges/:duplicateId/undo')
  @HttpCode(200)
  @Requires('customers:merge')
  undoMerge(
    @UuidParam('id') customerId: string,
    @UuidParam('duplicateId') duplicateId: string,
    @Body() dto: ReasonDto,
    @Req() request: LedgerRequest,
  ) {
    return this.gateway.run(
      request,
      UndoMerge,
      { customerId, duplicateId, reason: dto.reason },
      customerRecord,
    );
  }

  /** The accounting of disclosures: who read or received this customer's data, when and why. */
  @Get(':id/disclosures')
  @Requires('disclosures:read')
  async disclosures(
    @UuidParam('id') customerId: string,
    @Query() query: { limit?: string; cursor?: string },
    @Req() request: LedgerRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = pageRequest(query);
    const actor = request.actor!;
    const access = await customerAccess(this.store, customerId, actor, this.clock.now());
    if (!access) throw fail(404, `customer ${customerId} does not exist`, { code: 'NOT_FOUND' });
    if (actor.partnerId !== null && !access.serves) {
      await this.accessLog.recordDenial(request, 'NO_ACCESS', customerId);
      throw fail(403, 'your partner does not serve this customer', { code: 'NO_ACCESS' });
    }
    return answerList(await this.disclosureLog.of(customerId), page, request, reply);
  }

  @Post(':id/corrections')
  @HttpCode(200)
  @Requires('customers:correct-contact')
  correct(
    @UuidParam('id') customerId: string,
    @Body() dto: CorrectCustomerDto,
    @Req() request: LedgerRequest,
  ) {
    const { reason, ssn, sex, preferredLanguage, workReason: _w, occurredAt: _o, ...personal } = dto;
    const contactOnly = !permissionsOf(request.actor!.roles).has('customers:correct');
    const plain = JSON.parse(JSON.stringify({ personal, sex, preferredLanguage }));
    return this.gateway.run(
      request,
      CorrectCustomer,
      { customerId, ...plain, ssn, reason, contactOnly },
      customerRecord,
    );
  }

  @Post(':id/consents')
  @HttpCode(201)
  @Requires('customers:consent')
  grantConsent(
    @UuidParam('id') customerId: string,
    @Body() dto: GrantConsentDto,
    @Req() request: LedgerRequest,
  ) {
    const { consentId = randomUUID(), recipients, purposes, categories, expiresAt, method, obtainedBy } = dto;
    const payload = {
      customerId,
      consentId,
      recipients,
      purposes,
      categories,
      expiresAt,
      method,
      obtainedBy,
    };
    return this.gateway.run(request, GrantConsent, payload, customerRecord);
  }

  @Post(':id/consents/:consentId/revocation')
  @HttpCode(200)
  @Requires('customers:consent')
  revokeConsent(
    @UuidParam('id') customerId: string,
    @UuidParam('consentId') consentId: string,
    @Body() dto: ReasonDto,
    @Req() request: LedgerRequest,
  ) {
    return this.gateway.run(
      request,
      RevokeConsent,
      { customerId, consentId, reason: dto.reason },
      customerRecord,
    );
  }

  @Post(':id/child-welfare-involvements')
  @HttpCode(201)
  @Requires('customers:involvement')
  recordInvolvement(
    @UuidParam('id') customerId: string,
    @Body() dto: RecordInvolvementDto,
    @Req() request: LedgerRequest,
  ) {
    const { involvementId = randomUUID(), partnerId, startedAt, caseReference } = dto;
    const payload = { customerId, involvementId, partnerId, startedAt, caseReference };
    return this.gateway.run(request, RecordInvolvement, payload, customerRecord);
  }

  @Post(':id/child-welfare-involvements/:involvementId/end')
  @HttpCode(200)
  @Requires('customers:involvement')
  endInvolvement(
    @UuidParam('id') customerId: string,
    @UuidParam('involvementId') involvementId: string,
    @Body() dto: EndInvolvementDto,
    @Req() request: LedgerRequest,
  ) {
    const payload = { customerId, involvementId, endedAt: dto.endedAt, reason: dto.reason };
    return this.gateway.run(request, EndInvolvement, payload, customerRecord);
  }

  @Post(':id/feedback')
  @HttpCode(200)
  @Requires('customers:voice')
  feedback(@UuidParam('id') customerId: string, @Body() dto: FeedbackDto, @Req() request: LedgerRequest) {
    const { partnerId, channel, rating, comments } = dto;
    const payload = { customerId, feedbackId: randomUUID(), partnerId, channel, rating, comments };
    return this.gateway.run(request, ReceiveFeedback, payload, customerRecord);
  }

  @Post(':id/complaints')
  @HttpCode(200)
  @Requires('customers:voice')
  complaint(@UuidParam('id') customerId: string, @Body() dto: ComplaintDto, @Req() request: LedgerRequest) {
    const { partnerId, subject, details } = dto;
    const payload = { customerId, complaintId: randomUUID(), partnerId, subject, details };
    return this.gateway.run(request, FileComplaint, payload, customerRecord);
  }

  @Post(':id/appeal-rights-explanations')
  @HttpCode(200)
  @Requires('customers:voice')
  appealRights(
    @UuidParam('id') customerId: string,
    @Body() dto: AppealRightsDto,
    @Req() request: LedgerRequest,
  ) {
    const { partnerId, program, method, language } = dto;
    return this.gateway.run(
      request,
      ExplainAppealRights,
      { customerId, partnerId, program, method, language },
      customerRecord,
    );
  }
}
