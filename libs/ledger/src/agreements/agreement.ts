export interface Direction {
  from: string;
  to: string;
}

export interface AgreementTerms {
  title: string;
  parties: string[];
  referrals: Direction[];
  dataSharing: (Direction & { categories: string[] })[];
  effectiveFrom: string;
  effectiveTo: string;
}

export type AgreementEvent =
  | { type: 'AgreementRecorded'; data: { agreementId: string } & AgreementTerms }
  | { type: 'AgreementSigned'; data: { agreementId: string; partnerIds: string[] } }
  | {
      type: 'AgreementAmended';
      data: { agreementId: string; changes: Partial<AgreementTerms>; reason: string };
    }
  | { type: 'AgreementTerminated'; data: { agreementId: string; effectiveTo: string; reason: string } };

export interface AgreementState {
  exists: boolean;
  agreementId?: string;
  terms?: AgreementTerms;
  signedBy: string[];
  terminated: boolean;
}

export const agreementStream = (agreementId: string) => `agreement-${agreementId}`;

export const agreements = {
  initialState: (): AgreementState => ({ exists: false, signedBy: [], terminated: false }),
  evolve(state: AgreementState, event: AgreementEvent): AgreementState {
    switch (event.type) {
      case 'AgreementRecorded': {
        const { agreementId, ...terms } = event.data;
        return { ...state, exists: true, agreementId, terms };
      }
      case 'AgreementSigned':
        return { ...state, signedBy: [...new Set([...state.signedBy, ...event.data.partnerIds])] };
      case 'AgreementAmended':
        // Every party signs the amended agreement again.
        return {
          ...state,
          terms: { ...(state.terms as AgreementTerms), ...event.data.changes },
          signedBy: [],
        };
      case 'AgreementTerminated':
        return {
          ...state,
          terminated: true,
          terms: { ...(state.terms as AgreementTerms), effectiveTo: event.data.effectiveTo },
        };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};

/** In effect: signed by every party and, on the given local date, within its dates (api.md). */
export function agreementInEffect(state: AgreementState, onDate: string): boolean {
  if (!state.exists || !state.terms) return false;
  const { parties, effectiveFrom, effectiveTo } = state.terms;
  return parties.every((p) => state.signedBy.includes(p)) && effectiveFrom <= onDate && onDate <= effectiveTo;
}
