export type IncidentEvent =
  | {
      type: 'IncidentReported';
      data: {
        incidentId: string;
        kind: string;
        description: string;
        accountIds: string[];
        customerIds: string[];
        eventIds: string[];
        reportedBy: string;
      };
    }
  | { type: 'IncidentResolved'; data: { incidentId: string; resolution: string; resolvedBy: string } };

export interface IncidentState {
  exists: boolean;
  incidentId?: string;
  kind?: string;
  description?: string;
  accountIds: string[];
  customerIds: string[];
  eventIds: string[];
  reportedBy?: string;
  resolved: boolean;
  resolution?: string;
}

export const incidentStream = (incidentId: string) => `incident-${incidentId}`;

export const incidents = {
  initialState: (): IncidentState => ({
    exists: false,
    accountIds: [],
    customerIds: [],
    eventIds: [],
    resolved: false,
  }),
  evolve(state: IncidentState, event: IncidentEvent): IncidentState {
    switch (event.type) {
      case 'IncidentReported':
        return { ...state, exists: true, ...event.data };
      case 'IncidentResolved':
        return { ...state, resolved: true, resolution: event.data.resolution };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
