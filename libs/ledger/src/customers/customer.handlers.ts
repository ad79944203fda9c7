import { CorrectCustomer, decideCorrectCustomer } from './correct-customer/correct-customer.command';
import { activePartners } from './customer-facts';
import { customerHandler, type Preparation } from './customer-handler';
import { decideEndInvolvement, EndInvolvement } from './end-involvement/end-involvement.command';
import {
  decideExplainAppealRights,
  ExplainAppealRights,
} from './explain-appeal-rights/explain-appeal-rights.command';
import { decideFileComplaint, FileComplaint } from './file-complaint/file-complaint.command';
import { decideGrantConsent, GrantConsent } from './grant-consent/grant-consent.command';
import { decideReceiveFeedback, ReceiveFeedback } from './receive-feedback/receive-feedback.command';
import { decideRecordInvolvement, RecordInvolvement } from './record-involvement/record-involvement.command';
import { RegisterCustomerHandler } from './register-customer/register-customer.handler';
import { decideRevokeConsent, RevokeConsent } from './revoke-consent/revoke-consent.command';

const customer = (p: { customerId: string }) => ({ id: p.customerId });
const optional = async (value: string | undefined, seal: Preparation['seal']) =>
  value === undefined ? undefined : seal(value);

export const customerHandlers = [
  RegisterCustomerHandler,
  customerHandler(
    CorrectCustomer,
    async ({ personal, ssn, reason, ...rest }, { seal, protectSsn }) => ({
      ...rest,
      fields: [
        ...Object.keys(personal),
        ...Object.keys(rest).filter((k) => k !== 'customerId' && k !== 'contactOnly'),
        ...(ssn ? ['ssn'] : []),
      ],
      ...(Object.keys(personal).length > 0 ? { personal: await seal(personal) } : {}),
      ...(ssn ? protectSsn(ssn) : {}),
      reason: await seal(reason),
    }),
    decideCorrectCustomer,
    customer,
  ),
  customerHandler(
    GrantConsent,
    async (p, { store }) => ({
      ...p,
      activePartners: await activePartners(store, [...p.recipients, p.obtainedBy]),
    }),
    decideGrantConsent,
    (p) => ({ id: p.customerId, consentId: p.consentId }),
  ),
  customerHandler(
    RevokeConsent,
    async (p, { seal }) => ({ ...p, reason: await seal(p.reason) }),
    decideRevokeConsent,
    customer,
  ),
  customerHandler(
    RecordInvolvement,
    async ({ caseReference, ...p }, { store, seal }) => ({
      ...p,
      caseReference: await optional(caseReference, seal),
      activePartners: await activePartners(store, [p.partnerId]),
    }),
    decideRecordInvolvement,
    (p) => ({ id: p.customerId, involvementId: p.involvementId }),
  ),
  customerHandler(
    EndInvolvement,
    async ({ reason, ...p }, { seal }) => ({ ...p, reason: await optional(reason, seal) }),
    decideEndInvolvement,
    customer,
  ),
  customerHandler(
    ReceiveFeedback,
    async ({ comments, ...p }, { store, seal }) => ({
      ...p,
      comments: await optional(comments, seal),
      activePartners: await activePartners(store, [p.partnerId]),
    }),
    decideReceiveFeedback,
    (p) => ({ id: p.customerId, feedbackId: p.feedbackId }),
  ),
  customerHandler(
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
  customerHandler(
    ExplainAppealRights,
    async (p, { store }) => ({ ...p, activePartners: await activePartners(store, [p.partnerId]) }),
    decideExplainAppealRights,
    customer,
  ),
];
