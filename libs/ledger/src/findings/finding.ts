/** A person's decision on a finding (domain.md `finding-` stream); findings themselves are computed. */
export type FindingEvent =
  | { type: 'FindingDismissed'; data: { findingId: string; reason: string; dismissedBy: string } }
  | { type: 'FindingResolved'; data: { findingId: string; resolution: string; resolvedBy: string } };

export interface FindingState {
  exists: boolean;
  dismissed?: { reason: string; by: string };
  resolved?: { resolution: string; by: string };
}

export const findingStream = (findingId: string) => `finding-${findingId}`;

export const findings = {
  initialState: (): FindingState => ({ exists: false }),
  evolve(state: FindingState, event: FindingEvent): FindingState {
    switch (event.type) {
      case 'FindingDismissed':
        return {
          ...state,
          exists: true,
          dismissed: { reason: event.data.reason, by: event.data.dismissedBy },
        };
      case 'FindingResolved':
        return {
          ...state,
          exists: true,
          resolved: { resolution: event.data.resolution, by: event.data.resolvedBy },
        };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
