import { spec, testContext } from '@ledger/event-sourcing/testing/given-when-then';
import type { Sealed } from '@ledger/security';
import { agreements } from '../agreements/agreement';
import { customers } from '../customers/customer';
import { partners } from '../partners/partner';
import type { Decide } from '../shared/execute';
import { decideAcceptReferral } from './accept-referral/accept-referral.command';
import { decideMakeReferral, type MakeReferralDecision } from './make-referral/make-referral.command';
import { decideRecordOutcome } from './record-outcome/record-outcome.command';
import { type ReferralEvent, type ReferralState, referrals } from './referral';

const sealed: Sealed = { sealed: 'A256GCM', iv: 'iv', data: 'data' };
const now = new Date('2026-03-10T15:00:00Z');
const sender = testContext({ now, actor: { accountId: 'fep', partnerId: 'w2' } });
const receiver = testContext({ now, actor: { accountId: 'cm', partnerId: 'dvr' } });
const given = <P>(decide: Decide<P, ReferralEvent, ReferralState>) => spec({ ...referrals, decide });

const consent = {
  consentId: 'k',
  recipients: ['dvr'],
  purposes: ['referral'],
  categories: ['identity', 'assessment'],
  expiresAt: '2027-01-01T00:00:00Z',
  method: 'verbal',
  obtainedBy: 'w2',
  revoked: false,
};
const customer = { ...customers.initialState(), exists: true, customerId: 'c', consents: { k: consent } };
const toPartner = {
  ...partners.initialState(),
  exists: true,
  active: true,
  partnerId: 'dvr',
  services: { s: { name: 'Job coaching', description: '', programs: [], languages: [], withdrawn: false } },
};
const agreement = {
  ...agreements.initialState(),
  exists: true,
  agreementId: 'a',
  signedBy: ['w2', 'dvr'],
  terms: {
    title: 't',
    parties: ['w2', 'dvr'],
    referrals: [{ from: 'w2', to: 'dvr' }],
    dataSharing: [{ from: 'w2', to: 'dvr', categories: ['identity', 'assessment'] }],
    effectiveFrom: '2026-01-01',
    effectiveTo: '2026-12-31',
  },
};
const decision: MakeReferralDecision = {
  referralId: 'r',
  customerId: 'c',
  fromPartnerId: 'w2',
  toPartnerId: 'dvr',
  serviceId: 's',
  reason: sealed,
  individualizedDetermination: sealed,
  determinationGiven: true,
  consentId: 'k',
  sharedCategories: ['identity'],
  customer,
  toPartner,
  agreements: [agreement],
  referrals: [],
  today: '2026-03-10',
};
const made: ReferralEvent = {
  type: 'ReferralMade',
  data: {
    referralId: 'r',
    customerId: 'c',
    fromPartnerId: 'w2',
    toPartnerId: 'dvr',
    serviceId: 's',
    reason: sealed,
    individualizedDetermination: sealed,
    consentId: 'k',
    sharedCategories: ['identity'],
    agreementId: 'a',
    madeBy: 'fep',
  },
};
const refusedWith = (code: string) => expect.objectContaining({ code });

describe('making a referral', () => {
  it('needs an agreement, a covering consent and a determination, and records which agreement it relied on', () => {
    given(decideMakeReferral).given([]).when(decision, sender).thenEmits([made]);
  });

  it.each([
    ['from another partner', { fromPartnerId: 'other' }, 'WRONG_PARTNER'],
    ['without a written determination', { determinationGiven: false }, 'VALIDATION_FAILED'],
    ['for an unknown customer', { customer: customers.initialState() }, 'CUSTOMER_NOT_FOUND'],
    ['to an unknown partner', { toPartner: partners.initialState() }, 'PARTNER_NOT_FOUND'],
    ['to a deactivated partner', { toPartner: { ...toPartner, active: false } }, 'PARTNER_INACTIVE'],
    ['for a service the partner does not list', { serviceId: 'nope' }, 'SERVICE_NOT_FOUND'],
    ['with no agreement for the direction', { agreements: [] }, 'AGREEMENT_REQUIRED'],
    [
      'when the agreement is not yet signed by all',
      { agreements: [{ ...agreement, signedBy: ['w2'] }] },
      'AGREEMENT_REQUIRED',
    ],
    [
      'after the agreement ended',
      {
        agreements: [
          { ...agreement, terminated: true, terms: { ...agreement.terms, effectiveTo: '2026-02-01' } },
        ],
      },
      'AGREEMENT_TERMINATED',
    ],
    [
      'sharing a category the agreement does not',
      {
        sharedCategories: ['health'],
        customer: { ...customer, consents: { k: { ...consent, categories: ['health'] } } },
      },
      'AGREEMENT_DOES_NOT_SHARE',
    ],
    ['under an unknown consent', { consentId: 'other' }, 'CONSENT_NOT_FOUND'],
    [
      'under a revoked consent',
      { customer: { ...customer, consents: { k: { ...consent, revoked: true } } } },
      'CONSENT_NOT_IN_EFFECT',
    ],
    [
      'under an expired consent',
      { customer: { ...customer, consents: { k: { ...consent, expiresAt: '2026-03-01T00:00:00Z' } } } },
      'CONSENT_NOT_IN_EFFECT',
    ],
    [
      'to a partner the consent does not name',
      { customer: { ...customer, consents: { k: { ...consent, recipients: ['other'] } } } },
      'CONSENT_DOES_NOT_COVER',
    ],
    [
      'under a consent for another purpose',
      { customer: { ...customer, consents: { k: { ...consent, purposes: ['evaluation'] } } } },
      'CONSENT_DOES_NOT_COVER',
    ],
    [
      'sharing a category the consent does not list',
      {
        sharedCategories: ['assessment'],
        customer: { ...customer, consents: { k: { ...consent, categories: ['identity'] } } },
      },
      'CONSENT_DOES_NOT_COVER',
    ],
    [
      'while an open one to the same partner and service exists',
      {
        referrals: [
          { referralId: 'old', fromPartnerId: 'x', toPartnerId: 'dvr', serviceId: 's', status: 'accepted' },
        ],
      },
      'DUPLICATE_REFERRAL',
    ],
  ])('is refused %s', (_name, change, code) => {
    given(decideMakeReferral)
      .given([])
      .when({ ...decision, ...change } as MakeReferralDecision, sender)
      .thenThrows(refusedWith(code));
  });

  it('is not a duplicate of a closed one, or of one for another service', () => {
    const old = {
      referralId: 'old',
      fromPartnerId: 'w2',
      toPartnerId: 'dvr',
      serviceId: 's',
      status: 'completed',
    };
    given(decideMakeReferral)
      .given([])
      .when({ ...decision, referrals: [old] }, sender)
      .thenEmits([made]);
    given(decideMakeReferral)
      .given([])
      .when({ ...decision, referrals: [{ ...old, status: 'requested', serviceId: 't' }] }, sender)
      .thenEmits([made]);
  });
});

describe('the closed loop', () => {
  it('lets only the receiver accept, and not once the consent was revoked', () => {
    given(decideAcceptReferral)
      .given([made])
      .when({ referralId: 'r', consent }, receiver)
      .thenEmits([
        { type: 'ReferralAccepted', data: { referralId: 'r', customerId: 'c', acceptedBy: 'cm' } },
      ]);
    given(decideAcceptReferral)
      .given([made])
      .when({ referralId: 'r', consent }, sender)
      .thenThrows(refusedWith('WRONG_PARTNER'));
    given(decideAcceptReferral)
      .given([made])
      .when({ referralId: 'r', consent: { ...consent, revoked: true } }, receiver)
      .thenThrows(refusedWith('CONSENT_REVOKED'));
  });

  it('pairs completed with got-help and failed with any other outcome', () => {
    const accepted: ReferralEvent = {
      type: 'ReferralAccepted',
      data: { referralId: 'r', customerId: 'c', acceptedBy: 'cm' },
    };
    const started: ReferralEvent = { type: 'ReferralStarted', data: { referralId: 'r', customerId: 'c' } };
    given(decideRecordOutcome)
      .given([made, accepted, started])
      .when({ referralId: 'r', status: 'completed', outcome: 'no-capacity' }, receiver)
      .thenThrows(refusedWith('VALIDATION_FAILED'));
    given(decideRecordOutcome)
      .given([made, accepted, started])
      .when({ referralId: 'r', status: 'failed', outcome: 'got-help' }, receiver)
      .thenThrows(refusedWith('VALIDATION_FAILED'));
    given(decideRecordOutcome)
      .given([made, accepted])
      .when({ referralId: 'r', status: 'completed', outcome: 'got-help' }, receiver)
      .thenThrows(refusedWith('TRANSITION_NOT_ALLOWED'));
    given(decideRecordOutcome)
      .given([made, accepted])
      .when({ referralId: 'r', status: 'failed', outcome: 'could-not-contact' }, receiver)
      .thenEmits([
        {
          type: 'ReferralOutcomeRecorded',
          data: { referralId: 'r', customerId: 'c', status: 'failed', outcome: 'could-not-contact' },
        },
      ]);
  });
});
