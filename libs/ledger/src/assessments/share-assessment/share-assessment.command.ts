import { type Consent, consentInEffect } from '../../customers/customer';
import { DomainError, refuse, wrongPartner } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { AssessmentEvent, AssessmentState } from '../assessment';

export type ShareAssessmentPayload = { assessmentId: string; partnerId: string; consentId: string };

export class ShareAssessment extends LedgerCommand<ShareAssessmentPayload> {}

/** Sharing needs a consent in effect that names the recipient and the `assessment` category. */
export function decideShareAssessment(
  { consent, ...payload }: ShareAssessmentPayload & { consent?: Consent },
  state: AssessmentState,
  context: ShareAssessment['context'],
): AssessmentEvent[] {
  if (!state.exists || !state.customerId)
    throw new DomainError('NOT_FOUND', 'assessment does not exist', 404);
  if (context.actor.partnerId !== state.partnerId)
    throw wrongPartner('only the partner that recorded it shares an assessment');
  if (!consent)
    throw refuse('CONSENT_NOT_FOUND', `consent ${payload.consentId} does not exist for this customer`);
  if (!consentInEffect(consent, context.now))
    throw refuse('CONSENT_NOT_IN_EFFECT', 'the consent expired or was revoked');
  if (!consent.recipients.includes(payload.partnerId) || !consent.categories.includes('assessment')) {
    throw refuse('CONSENT_DOES_NOT_COVER', 'the consent does not name this partner for assessments');
  }
  if (state.sharedWith.includes(payload.partnerId)) return [];
  return [{ type: 'AssessmentShared', data: { ...payload, customerId: state.customerId } }];
}
