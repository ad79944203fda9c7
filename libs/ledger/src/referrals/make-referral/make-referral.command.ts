import type { Sealed } from '@ledger/security';
import { type AgreementState, agreementInEffect } from '../../agreements/agreement';
import { type ReferralEntry, referralIsOpen } from '../../customer-files/customer-file';
import { type CustomerState, consentInEffect } from '../../customers/customer';
import type { PartnerState } from '../../partners/partner';
import { invalid, refuse, wrongPartner } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { ReferralEvent, ReferralState } from '../referral';

export interface MakeReferralPayload {
  referralId: string;
  customerId: string;
  fromPartnerId: string;
  toPartnerId: string;
  serviceId?: string;
  reason: string;
  individualizedDetermination: string;
  consentId: string;
  sharedCategories: string[];
}

export class MakeReferral extends LedgerCommand<MakeReferralPayload> {}

/** What the rules need from other streams, read by the handler while the customer's commands wait. */
export interface ReferralFacts {
  customer: CustomerState;
  toPartner: PartnerState;
  agreements: AgreementState[];
  referrals: ReferralEntry[];
  /** The ledger's local date (LEDGER_TIMEZONE), for agreements' effective dates. */
  today: string;
}

export type MakeReferralDecision = Omit<MakeReferralPayload, 'reason' | 'individualizedDetermination'> & {
  reason: Sealed;
  individualizedDetermination: Sealed;
  determinationGiven: boolean;
} & ReferralFacts;

export function decideMakeReferral(
  { customer, toPartner, agreements, referrals, today, determinationGiven, ...payload }: MakeReferralDecision,
  state: ReferralState,
  context: MakeReferral['context'],
): ReferralEvent[] {
  const { fromPartnerId, toPartnerId, serviceId, consentId, sharedCategories, customerId } = payload;
  if (context.actor.partnerId !== fromPartnerId)
    throw wrongPartner('a partner makes referrals from itself only');
  if (state.exists) throw refuse('REFERRAL_EXISTS', `referral ${payload.referralId} already exists`);
  if (!determinationGiven)
    throw invalid('individualizedDetermination', 'a written individualized determination is required');
  if (!customer.exists) throw refuse('CUSTOMER_NOT_FOUND', `customer ${customerId} does not exist`);
  if (!toPartner.exists)
    throw refuse('PARTNER_NOT_FOUND', `partner ${toPartnerId} does not exist`, { partnerId: toPartnerId });
  if (!toPartner.active)
    throw refuse('PARTNER_INACTIVE', `partner ${toPartnerId} is deactivated`, { partnerId: toPartnerId });
  if (serviceId && (!toPartner.services[serviceId] || toPartner.services[serviceId].withdrawn)) {
    throw refuse('SERVICE_NOT_FOUND', `partner ${toPartnerId} lists no service ${serviceId}`, { serviceId });
  }
  const agreementId = requireAgreement(agreements, fromPartnerId, toPartnerId, sharedCategories, today);
  const consent = customer.consents[consentId];
  if (!consent) throw refuse('CONSENT_NOT_FOUND', `consent ${consentId} does not exist for this customer`);
  if (!consentInEffect(consent, context.now))
    throw refuse('CONSENT_NOT_IN_EFFECT', 'the consent expired or was revoked');
  const uncovered = [
    ...(consent.recipients.includes(toPartnerId) ? [] : [`recipient ${toPartnerId}`]),
    ...(consent.purposes.includes('referral') ? [] : ['purpose referral']),
    ...sharedCategories.filter((c) => !consent.categories.includes(c)).map((c) => `category ${c}`),
  ];
  if (uncovered.length > 0)
    throw refuse('CONSENT_DOES_NOT_COVER', `the consent does not cover ${uncovered.join(', ')}`, {
      uncovered,
    });
  const duplicate = referrals.find(
    (r) =>
      referralIsOpen(r) && r.toPartnerId === toPartnerId && (r.serviceId ?? null) === (serviceId ?? null),
  );
  // Security.md's deliberate exception: the refusal tells that such a referral exists, nothing more.
  if (duplicate)
    throw refuse(
      'DUPLICATE_REFERRAL',
      'an open referral of this customer to this partner and service exists',
    );
  return [{ type: 'ReferralMade', data: { ...payload, agreementId, madeBy: context.actor.accountId } }];
}

function requireAgreement(
  agreements: AgreementState[],
  from: string,
  to: string,
  categories: string[],
  today: string,
): string {
  const direction = agreements.filter((a) => a.terms?.referrals.some((r) => r.from === from && r.to === to));
  const inEffect = direction.filter((a) => agreementInEffect(a, today));
  if (inEffect.length === 0) {
    if (direction.some((a) => a.terminated))
      throw refuse('AGREEMENT_TERMINATED', 'the agreement for this direction was terminated');
    throw refuse('AGREEMENT_REQUIRED', `no agreement in effect accepts referrals from ${from} to ${to}`);
  }
  const sharing = inEffect.find((a) =>
    categories.every((c) =>
      a.terms?.dataSharing.some((d) => d.from === from && d.to === to && d.categories.includes(c)),
    ),
  );
  if (!sharing)
    throw refuse(
      'AGREEMENT_DOES_NOT_SHARE',
      'the agreement does not let every shared category flow in this direction',
    );
  return sharing.agreementId as string;
}
