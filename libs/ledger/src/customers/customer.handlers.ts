import type { DomainEvent } from '@ledger/event-sourcing';
import type { Sealed } from '@ledger/security';
import type { Decide } from '../shared/execute';
import type { LedgerCommand } from '../shared/ledger-command';
import { type Preparation, recordHandler } from '../shared/record-handler';
import { CorrectCustomer, decideCorrectCustomer } from './correct-customer/correct-customer.command';
import { type CustomerEvent, type CustomerState, customerStream, customers } from './customer';
import { activePartners } from './customer-facts';
import { decideEndInvolvement, EndInvolvement } from './end-involvement/end-involvement.command';
import {
  decideExplainAppealRights,
  ExplainAppealRights,
} from './explain-appeal-rights/explain-appeal-rights.command';
import { decideFileComplaint, FileComplaint } from './file-complaint/file-complaint.command';
import { decideGrantConsent, GrantConsent } from './grant-consent/grant-consent.command';
import { MergeCustomersHandler, UndoMergeHandler } from './merge-customers/merge-customers.handler';
import { decideReceiveFeedback, ReceiveFeedback } from './receive-feedback/receive-feedback.command';
import { decideRecordInvolvement, RecordInvolvement } from './record-involvement/record-involvement.command';
import { RegisterCustomerHandler } from './register-customer/register-customer.handler';
import { decideRevokeConsent, RevokeConsent } from './revoke-consent/revoke-consent.command';

type Payload = { customerId: string };

/** A use case on the customer's own stream; the customer is named in the path. */
function onCustomer<P extends Payload, D>(
  command: new (...args: never[]) => LedgerCommand<P>,
  prepare: (payload: P, with_: Preparation<CustomerState>) => Promise<D>,
  decide: Decide<D, CustomerEvent, CustomerState>,
  answer: (payload: P) => { id: string; [subResourceId: string]: unknown } = (p) => ({ id: p.customerId }),
) {
  return recordHandler<P, D, CustomerEvent & DomainEvent, CustomerState>({
    command,
    stream: (p) => customerStream(p.customerId),
    category: customers,
    customerOf: (p) => p.customerId,
    prepare,
    decide,
    answer,
  });
}

const optional = async (value: string | undefined, seal: (v: unknown) => Promise<Sealed>) =>
  value === undefined ? undefined : seal(value);

export const customerHandlers = [
  RegisterCustomerHandler,
  MergeCustomersHandler,
  UndoMergeHandler,
  onCustomer(
    CorrectCustomer,
    async ({ personal, ssn, reason, ...rest }, { seal, protectSsn }) => {
      const plainFields = Object.keys(rest).filter((k) => k !== 'customerId' && k !== 'contactOnly');
      return {
        ...rest,
        fields: [...Object.keys(personal), ...plainFields, ...(ssn ? ['ssn'] : [])],
        ...(Object.keys(personal).length > 0 ? { personal: await seal(personal) } : {}),
        ...(ssn ? protectSsn(ssn) : {}),
        reason: await seal(reason),
      };
    },
    decideCorrectCustomer,
  ),
  onCustomer(
    GrantConsent,
    async (p, { store }) => ({
      ...p,
      activePartners: await activePartners(store, [...p.recipients, p.obtainedBy]),
    }),
    decideGrantConsent,
    (p) => ({ id: p.customerId, consentId: p.consentId }),
  ),
  onCustomer(
    RevokeConsent,
    async (p, { seal }) => ({ ...p, reason: await seal(p.reason) }),
    decideRevokeConsent,
  ),
  onCustomer(
    RecordInvolvement,
    async ({ caseReference, ...p }, { store, seal }) => ({
      ...p,
      caseReference: await optional(caseReference, seal),
      activePartners: await activePartners(store, [p.partnerId]),
    }),
    decideRecordInvolvement,
    (p) => ({ id: p.customerId, involvementId: p.involvementId }),
  ),
  onCustomer(
    EndInvolvement,
    async ({ reason, ...p }, { seal }) => ({ ...p, reason: await optional(reason, seal) }),
    decideEndInvolvement,
  ),
  onCustomer(
    ReceiveFeedback,
    async ({ comments, ...p }, { store, seal }) => ({
      ...p,
      comments: await optional(comments, seal),
      activePartners: await activePartners(store, [p.partnerId]),
    }),
    decideReceiveFeedback,
    (p) => ({ id: p.customerId, feedbackId: p.feedbackId }),
  ),
  onCustomer(
    FileComplaint,
    async (p, { store, seal }) => ({
      ...p,
      subject: await seal(p.subject),
      details: await seal(p.details),
      activePartners: await activePartners(store, [p.partnerId]),
    }),
    decideFileComplaint,
    (p) => ({ id: p.customerId, complaintId: p.complaintId }),
  ),
  onCustomer(
    ExplainAppealRights,
    async (p, { store }) => ({ ...p, activePartners: await activePartners(store, [p.partnerId]) }),
    decideExplainAppealRights,
  ),
];
