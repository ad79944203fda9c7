import type { PartnerKind } from '../shared/vocabularies';

export interface ServiceAddress {
  line1: string;
  city: string;
  state: string;
  postalCode: string;
}

export interface ServiceListing {
  name: string;
  description: string;
  programs: string[];
  languages: string[];
  eligibility?: string;
  address?: ServiceAddress;
}

export type PartnerEvent =
  | {
      type: 'PartnerRegistered';
      data: { partnerId: string; name: string; kind: PartnerKind; programs: string[] };
    }
  | { type: 'PartnerProgramsChanged'; data: { partnerId: string; programs: string[] } }
  | { type: 'PartnerServiceListed'; data: { partnerId: string; serviceId: string } & ServiceListing }
  | {
      type: 'PartnerServiceUpdated';
      data: { partnerId: string; serviceId: string; changes: Partial<ServiceListing> };
    }
  | { type: 'PartnerServiceWithdrawn'; data: { partnerId: string; serviceId: string; reason: string } }
  | { type: 'PartnerDeactivated'; data: { partnerId: string; reason: string } };

export interface PartnerState {
  exists: boolean;
  partnerId?: string;
  name?: string;
  kind?: PartnerKind;
  programs: string[];
  active: boolean;
  services: Record<string, ServiceListing & { withdrawn: boolean }>;
}

export const partnerStream = (partnerId: string) => `partner-${partnerId}`;

export const partners = {
  initialState: (): PartnerState => ({ exists: false, programs: [], active: false, services: {} }),
  evolve(state: PartnerState, event: PartnerEvent): PartnerState {
    switch (event.type) {
      case 'PartnerRegistered': {
        const { partnerId, name, kind, programs } = event.data;
        return { ...state, exists: true, active: true, partnerId, name, kind, programs };
      }
      case 'PartnerProgramsChanged':
        return { ...state, programs: event.data.programs };
      case 'PartnerServiceListed': {
        const { partnerId: _p, serviceId, ...listing } = event.data;
        return { ...state, services: { ...state.services, [serviceId]: { ...listing, withdrawn: false } } };
      }
      case 'PartnerServiceUpdated': {
        const { serviceId, changes } = event.data;
        return {
          ...state,
          services: { ...state.services, [serviceId]: { ...state.services[serviceId], ...changes } },
        };
      }
      case 'PartnerServiceWithdrawn': {
        const { serviceId } = event.data;
        return {
          ...state,
          services: { ...state.services, [serviceId]: { ...state.services[serviceId], withdrawn: true } },
        };
      }
      case 'PartnerDeactivated':
        return { ...state, active: false };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
