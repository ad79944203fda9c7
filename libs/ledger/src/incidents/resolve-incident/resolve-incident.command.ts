import { DomainError, refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { IncidentEvent, IncidentState } from '../incident';

export class ResolveIncident extends LedgerCommand<{ incidentId: string; resolution: string }> {}

export function decideResolveIncident(
  { incidentId, resolution }: { incidentId: string; resolution: string },
  state: IncidentState,
  context: ResolveIncident['context'],
): IncidentEvent[] {
  if (!state.exists) throw new DomainError('NOT_FOUND', 'incident does not exist', 404);
  if (state.resolved) throw refuse('INCIDENT_RESOLVED', 'this incident is already resolved');
  return [
    { type: 'IncidentResolved', data: { incidentId, resolution, resolvedBy: context.actor.accountId } },
  ];
}
