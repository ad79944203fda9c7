import { type Actor, type EventStore, StreamNotFoundError } from '@ledger/event-sourcing';
import type { PersonalDataProtector } from '@ledger/security';
import { DomainError } from '../shared/domain-error';
import { readState } from '../shared/read-state';
import {
  type CustomerEvent,
  type CustomerState,
  consentInEffect,
  customerStream,
  customers,
  type PersonalDetails,
} from './customer';

export interface CustomerSummary {
  customerId: string;
  revision: number;
  registeredBy: string;
  /** The data categories the caller's partner may see, and why. */
  access: { serves: boolean; categories: string[] };
  identity?: { firstName?: string; lastName?: string; dateOfBirth?: string; ssnLast4?: string; sex?: string };
  contact?: {
    address?: PersonalDetails['address'];
    phone?: string;
    email?: string;
    preferredLanguage?: string;
  };
  consents?: CustomerState['consents'][string][];
  /** While this record is a duplicate merged into another: the survivor, where the customer's record now is. */
  mergedInto?: string;
  /** The duplicates merged into this record (not undone). */
  merged?: string[];
  childWelfareInvolvements?: {
    involvementId: string;
    partnerId: string;
    startedAt: string;
    ended: boolean;
  }[];
  erased?: true;
}

/** A customer's stream folded, and (once asked for) their personal details opened with the key of the time. */
export interface CustomerRecord {
  customerId: string;
  state: CustomerState;
  revision: number;
  events: readonly CustomerEvent[];
  opened?: { key: unknown; details: CustomerDetails };
}

/** Reads and folds a customer's stream: NOT_FOUND when there is none. Nothing is decrypted yet. */
export async function loadCustomerRecord(store: EventStore, customerId: string): Promise<CustomerRecord> {
  let events: Awaited<ReturnType<EventStore['readStream']>>;
  try {
    events = await store.readStream(customerStream(customerId));
  } catch (error) {
    if (error instanceof StreamNotFoundError)
      throw new DomainError('NOT_FOUND', `customer ${customerId} does not exist`, 404);
    throw error;
  }
  const typed = events as unknown as (CustomerEvent & { revision: number })[];
  return {
    customerId,
    state: typed.reduce(customers.evolve, customers.initialState()),
    revision: events[events.length - 1].revision,
    events: typed,
  };
}

/**
 * One customer as the caller's partner may see them (security.md "Scope"): a partner that serves the
 * customer sees identity and contact; otherwise only what a consent in effect naming it lists. Built
 * straight from the stream until the projections serve it. Records merged together are one person: a
 * partner's access to one reaches the others (the duplicate's answer names its survivor).
 */
export async function readCustomerSummary(
  store: EventStore,
  protector: PersonalDataProtector,
  customerId: string,
  actor: Actor,
  now: Date,
): Promise<CustomerSummary> {
  return summariseCustomer(store, await loadCustomerRecord(store, customerId), protector, actor, now);
}

/**
 * The summary of a loaded record for this caller. Personal details are opened only for a caller with
 * access, with the customer's current key: none (erased) shows no details, whatever was opened before.
 */
export async function summariseCustomer(
  store: EventStore,
  record: CustomerRecord,
  protector: PersonalDataProtector,
  actor: Actor,
  now: Date,
): Promise<CustomerSummary> {
  const { customerId, state } = record;
  // A merged record's access draws on the records linked to it, read afresh (merges are rare).
  const access = await mergedAccess(store, state, actor, now);
  if (!access.serves && access.categories.length === 0) {
    throw new DomainError(
      'NO_ACCESS',
      'your partner neither serves this customer nor holds a consent covering it',
      403,
    );
  }
  const summary: CustomerSummary = {
    customerId,
    revision: record.revision,
    registeredBy: state.registeredBy as string,
    access,
    ...(state.mergedInto ? { mergedInto: state.mergedInto } : {}),
    ...(state.merged.length > 0 ? { merged: [...state.merged] } : {}),
  };
  const details = await detailsOf(record, protector);
  if (!details) summary.erased = true;
  if (access.categories.includes('identity') && details) {
    summary.identity = {
      firstName: details.firstName,
      lastName: details.lastName,
      dateOfBirth: details.dateOfBirth,
      ...details.plain.identity,
    };
  }
  if (access.categories.includes('contact') && details) {
    summary.contact = {
      address: details.address,
      phone: details.phone,
      email: details.email,
      ...details.plain.contact,
    };
  }
  if (access.serves) {
    summary.consents = Object.values(state.consents);
    summary.childWelfareInvolvements = Object.entries(state.involvements).map(([involvementId, i]) => ({
      involvementId,
      ...i,
    }));
  }
  return summary;
}

async function detailsOf(record: CustomerRecord, protector: PersonalDataProtector) {
  const key = await protector.keyOf(record.customerId);
  if (!key) return undefined;
  if (record.opened?.key !== key) {
    record.opened = { key, details: personalDetails(record.events, protector, record.customerId, key) };
  }
  return record.opened.details;
}

/** What the caller's partner may see of a customer (security.md "Scope"); nothing when the customer is unknown. */
export async function customerAccess(store: EventStore, customerId: string, actor: Actor, now: Date) {
  const state = await readState(store, customerStream(customerId), customers);
  return state.exists ? mergedAccess(store, state, actor, now) : undefined;
}

/**
 * The access to a record joined with the access to the records merged with it (its survivor, or its
 * duplicates): a merge says both are one person, so a partner serving them on either record serves
 * them, and a consent they gave on either covers them.
 */
async function mergedAccess(
  store: EventStore,
  state: CustomerState,
  actor: Actor,
  now: Date,
): Promise<CustomerSummary['access']> {
  const access = accessOf(state, actor, now);
  const linked = [...(state.mergedInto ? [state.mergedInto] : []), ...state.merged];
  const categories = new Set(access.categories);
  let serves = access.serves;
  for (const id of linked) {
    const other = accessOf(await readState(store, customerStream(id), customers), actor, now);
    serves ||= other.serves;
    for (const category of other.categories) categories.add(category);
  }
  return { serves, categories: [...categories].sort() };
}

function accessOf(state: CustomerState, actor: Actor, now: Date): CustomerSummary['access'] {
  const partner = actor.partnerId;
  const serves =
    partner !== null &&
    (state.registeredBy === partner ||
      Object.values(state.involvements).some((i) => i.partnerId === partner && !i.ended));
  const consented = Object.values(state.consents)
    .filter((c) => consentInEffect(c, now) && partner !== null && c.recipients.includes(partner))
    .flatMap((c) => c.categories);
  const categories = new Set(consented);
  if (serves) for (const c of ['identity', 'contact']) categories.add(c);
  return { serves, categories: [...categories].sort() };
}

export type CustomerDetails = Partial<PersonalDetails> & {
  plain: { identity: { ssnLast4?: string; sex?: string }; contact: { preferredLanguage?: string } };
};

/** Registration and corrections folded, decrypted with the customer's key. */
function personalDetails(
  events: readonly CustomerEvent[],
  protector: PersonalDataProtector,
  customerId: string,
  key: Parameters<PersonalDataProtector['open']>[1],
): CustomerDetails {
  const details: CustomerDetails = { plain: { identity: {}, contact: {} } };
  for (const event of events) {
    if (event.type !== 'CustomerRegistered' && event.type !== 'CustomerDetailsCorrected') continue;
    const { personal, ssnLast4, sex, preferredLanguage } = event.data;
    if (personal) Object.assign(details, protector.open<Partial<PersonalDetails>>(customerId, key, personal));
    if (ssnLast4) details.plain.identity.ssnLast4 = ssnLast4;
    if (sex) details.plain.identity.sex = sex;
    if (preferredLanguage) details.plain.contact.preferredLanguage = preferredLanguage;
  }
  return details;
}
