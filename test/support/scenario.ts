import { randomUUID } from 'node:crypto';
import type { LedgerTestApp } from './ledger-test-app';

export const reason = { workReason: 'e2e scenario' };

/** Staff, partners and customers for end-to-end scenarios, created through the API as an agency app would. */
export class Scenario {
  constructor(readonly ledger: LedgerTestApp) {}

  get admin() {
    return this.ledger.bootstrapToken;
  }

  async partner(name: string, kind: string, programs: string[]): Promise<string> {
    const response = await this.ledger.post('/api/v1/partners', this.admin, { name, kind, programs });
    if (response.status !== 201) throw new Error(`partner: ${JSON.stringify(response.body)}`);
    return response.body.id;
  }

  /** A command that must succeed (a step of the scenario, not what a test checks): its answer, or it throws. */
  async command(path: string, token: string, body: object) {
    const response = await this.ledger.post(path, token, { ...body, ...reason });
    if (response.status >= 300) throw new Error(`${path}: ${JSON.stringify(response.body)}`);
    return response.body as { id: string; position: string; consentId?: string };
  }

  /** A referral of a customer under a consent that covers identity, sharing identity. */
  referral(token: string, referral: { customerId: string; consentId: string; from: string; to: string }) {
    const { customerId, consentId, from, to } = referral;
    return this.command('/api/v1/referrals', token, {
      customerId,
      fromPartnerId: from,
      toPartnerId: to,
      reason: 'needs coaching',
      individualizedDetermination: 'asked for it',
      consentId,
      sharedCategories: ['identity'],
    });
  }

  /**
   * A history with a moment in it, for tests of the past: a customer of W-2 referred to DVR (`first`),
   * then `then` (a time), then the referral accepted and a W-2 case opened (`opened`).
   */
  async referralAcceptedAfterAMoment(pair: { w2: string; dvr: string; fep: Staff; counselor: Staff }) {
    const { w2, dvr, fep, counselor } = pair;
    const customerId = await this.customer(fep.token);
    const consentId = await this.consent(fep.token, customerId, {
      recipients: [dvr],
      categories: ['identity'],
      obtainedBy: w2,
    });
    const first = await this.referral(fep.token, { customerId, consentId, from: w2, to: dvr });
    await pause(20);
    const then = new Date().toISOString();
    await pause(20);
    await this.command(`/api/v1/referrals/${first.id}/acceptance`, counselor.token, {});
    const opened = await this.w2Case(fep.token, customerId, w2);
    return { customerId, first, then, opened };
  }

  /** A W-2 application received for a customer. */
  w2Case(token: string, customerId: string, w2: string) {
    return this.command('/api/v1/cases', token, {
      customerId,
      partnerId: w2,
      program: 'w2',
      receivedAt: '2026-03-02T15:00:00Z',
      channel: 'in-person',
    });
  }

  /**
   * The pair most scenarios need: a W-2 agency and DVR under an agreement by which W-2 refers to DVR,
   * sharing identity; a W-2 FEP and a DVR counselor.
   */
  async w2ReferringToDvr() {
    const w2 = await this.partner('W-2', 'w2-agency', ['w2']);
    const dvr = await this.partner('DVR', 'required-partner', ['vocational-rehabilitation']);
    await this.agreement(
      [w2, dvr],
      [{ from: w2, to: dvr }],
      [{ from: w2, to: dvr, categories: ['identity'] }],
    );
    return {
      w2,
      dvr,
      fep: await this.staff(w2, ['w2-fep']),
      counselor: await this.staff(dvr, ['partner-case-manager']),
    };
  }

  async staff(partnerId: string | null, roles: string[]): Promise<{ id: string; token: string }> {
    const body = {
      legalName: 'Staff Member',
      email: `${randomUUID()}@agency.example`,
      roles,
      ...(partnerId ? { partnerId } : {}),
    };
    const requested = await this.ledger.post('/api/v1/accounts', this.admin, body);
    if (requested.status !== 201) throw new Error(`account: ${JSON.stringify(requested.body)}`);
    await this.ledger.post(`/api/v1/accounts/${requested.body.id}/activation`, this.admin);
    return { id: requested.body.id, token: await this.ledger.tokenFor(requested.body.id) };
  }

  async customer(token: string, identity: object = {}): Promise<string> {
    const body = { ...someone(), ...identity, ...reason };
    const response = await this.ledger.post('/api/v1/customers', token, body);
    if (response.status !== 201) throw new Error(`customer: ${JSON.stringify(response.body)}`);
    return response.body.id;
  }

  async consent(token: string, customerId: string, body: object): Promise<string> {
    const response = await this.ledger.post(`/api/v1/customers/${customerId}/consents`, token, {
      purposes: ['referral'],
      expiresAt: '2099-01-01T00:00:00Z',
      method: 'signed-form',
      ...body,
      ...reason,
    });
    if (response.status !== 201) throw new Error(`consent: ${JSON.stringify(response.body)}`);
    return response.body.consentId;
  }

  async agreement(
    parties: string[],
    referrals: { from: string; to: string }[],
    dataSharing: object[] = [],
  ): Promise<string> {
    const response = await this.ledger.post('/api/v1/agreements', this.admin, {
      title: 'Cooperation',
      parties,
      referrals,
      dataSharing,
      effectiveFrom: '2026-01-01',
      effectiveTo: '2099-12-31',
    });
    if (response.status !== 201) throw new Error(`agreement: ${JSON.stringify(response.body)}`);
    return response.body.id;
  }
}

const SYLLABLES = 'ka lo mi ran te vo zu bel dor fin gus hal jor pex qui sta'.split(' ');

/** A pronounceable surname for each number; neighbours differ in their first syllables. */
export function surname(n: number): string {
  let name = '';
  for (let rest = n + 4096; rest > 0; rest >>= 4) name += SYLLABLES[rest & 15];
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * A different person each call (surname and birth date vary), so scenarios that register many customers
 * do not trip the clearance rule unless they mean to.
 */
export function someone<T extends object>(overrides: T = {} as T) {
  const n = Math.floor(Math.random() * 16 ** 6);
  const lastName = surname(n);
  const day = String(1 + (n % 28)).padStart(2, '0');
  const month = String(1 + ((n >> 5) % 12)).padStart(2, '0');
  return {
    firstName: 'Ana',
    lastName,
    dateOfBirth: `19${50 + ((n >> 9) % 50)}-${month}-${day}`,
    ...overrides,
  };
}

type Staff = { id: string; token: string };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
