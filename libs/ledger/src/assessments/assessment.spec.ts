import { spec, testContext } from '@ledger/event-sourcing/testing/given-when-then';
import type { Sealed } from '@ledger/security';
import type { Decide } from '../shared/execute';
import { type AssessmentEvent, type AssessmentState, assessments } from './assessment';
import {
  decideRecordAssessment,
  repeatedAssessmentWarnings,
} from './record-assessment/record-assessment.command';
import { decideShareAssessment } from './share-assessment/share-assessment.command';
import { decideSupersedeAssessment } from './supersede-assessment/supersede-assessment.command';

const sealed: Sealed = { sealed: 'A256GCM', iv: 'iv', data: 'data' };
const now = new Date('2026-03-10T00:00:00Z');
const w2 = testContext({ now, actor: { accountId: 'fep-1', partnerId: 'w2' } });
const wioa = testContext({ now, actor: { accountId: 'cm-1', partnerId: 'wioa' } });
const given = <P>(decide: Decide<P, AssessmentEvent, AssessmentState>) => spec({ ...assessments, decide });
const recorded: AssessmentEvent = {
  type: 'AssessmentRecorded',
  data: {
    assessmentId: 'a-1',
    customerId: 'c-1',
    partnerId: 'w2',
    kind: 'informal',
    instrument: 'i',
    performedAt: '2026-03-03T15:00:00Z',
    findings: sealed,
    recordedBy: 'fep-1',
  },
};
const consent = {
  consentId: 'k-1',
  recipients: ['wioa'],
  purposes: ['referral'],
  categories: ['assessment'],
  expiresAt: '2027-01-01T00:00:00Z',
  method: 'verbal',
  obtainedBy: 'w2',
  revoked: false,
};

describe('assessment decider', () => {
  it('records for the actor’s own partner, for a registered customer', () => {
    const { data } = recorded as { data: Record<string, unknown> };
    const { recordedBy: _r, ...payload } = data;
    given(decideRecordAssessment)
      .given([])
      .when({ ...payload, customerExists: true } as never, w2)
      .thenEmits([recorded]);
    given(decideRecordAssessment)
      .given([])
      .when({ ...payload, customerExists: true } as never, wioa)
      .thenThrows(expect.objectContaining({ code: 'WRONG_PARTNER' }));
    given(decideRecordAssessment)
      .given([])
      .when({ ...payload, customerExists: false } as never, w2)
      .thenThrows(expect.objectContaining({ code: 'CUSTOMER_NOT_FOUND' }));
  });

  it('shares under a consent in effect naming the partner and the assessment category', () => {
    const share = { assessmentId: 'a-1', partnerId: 'wioa', consentId: 'k-1' };
    given(decideShareAssessment)
      .given([recorded])
      .when({ ...share, consent }, w2)
      .thenEmits([{ type: 'AssessmentShared', data: { ...share, customerId: 'c-1' } }]);
    const refused = (c: object | undefined, code: string) =>
      given(decideShareAssessment)
        .given([recorded])
        .when({ ...share, consent: c as never }, w2)
        .thenThrows(expect.objectContaining({ code }));
    refused(undefined, 'CONSENT_NOT_FOUND');
    refused({ ...consent, revoked: true }, 'CONSENT_NOT_IN_EFFECT');
    refused({ ...consent, expiresAt: '2026-03-01T00:00:00Z' }, 'CONSENT_NOT_IN_EFFECT');
    refused({ ...consent, recipients: ['dvr'] }, 'CONSENT_DOES_NOT_COVER');
    refused({ ...consent, categories: ['identity'] }, 'CONSENT_DOES_NOT_COVER');
  });

  it('supersedes once', () => {
    const superseded: AssessmentEvent = {
      type: 'AssessmentSuperseded',
      data: { assessmentId: 'a-1', customerId: 'c-1', reason: sealed },
    };
    given(decideSupersedeAssessment)
      .given([recorded])
      .when({ assessmentId: 'a-1', reason: sealed }, w2)
      .thenEmits([superseded]);
    given(decideSupersedeAssessment)
      .given([recorded, superseded])
      .when({ assessmentId: 'a-1', reason: sealed }, w2)
      .thenThrows(expect.objectContaining({ code: 'ASSESSMENT_SUPERSEDED' }));
  });
});

describe('DUPLICATE_ASSESSMENT', () => {
  const existing = [
    {
      assessmentId: 'a-1',
      partnerId: 'w2',
      kind: 'informal',
      performedAt: '2026-03-03T15:00:00Z',
      superseded: false,
    },
  ];
  const by = (partnerId: string, performedAt: string, kind = 'informal') =>
    repeatedAssessmentWarnings(existing, { partnerId, kind, performedAt }, 90);

  it('flags the same kind by another partner within the window, on either side', () => {
    expect(by('wioa', '2026-06-01T15:00:00Z')).toHaveLength(1);
    expect(by('wioa', '2026-01-01T15:00:00Z')).toHaveLength(1);
  });

  it('does not flag the same partner, another kind, a superseded one, or one outside the window', () => {
    expect(by('w2', '2026-03-10T15:00:00Z')).toEqual([]);
    expect(by('wioa', '2026-03-10T15:00:00Z', 'skills')).toEqual([]);
    expect(by('wioa', '2026-06-02T15:00:01Z')).toEqual([]);
    expect(
      repeatedAssessmentWarnings(
        [{ ...existing[0], superseded: true }],
        { partnerId: 'wioa', kind: 'informal', performedAt: '2026-03-10T15:00:00Z' },
        90,
      ),
    ).toEqual([]);
  });
});
