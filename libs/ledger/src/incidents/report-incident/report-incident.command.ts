import { refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { IncidentEvent, IncidentState } from '../incident';

export interface ReportIncidentPayload {
  incidentId: string;
  kind: string;
  description: string;
  accountIds: string[];
  customerIds: string[];
  eventIds: string[];
}

export class ReportIncident extends LedgerCommand<ReportIncidentPayload> {}

/** Any active account may report an incident (security.md): the memo asks staff to report what they see. */
export function decideReportIncident(
  payload: ReportIncidentPayload,
  state: IncidentState,
  context: ReportIncident['context'],
): IncidentEvent[] {
  if (state.exists) throw refuse('INCIDENT_EXISTS', `incident ${payload.incidentId} already exists`);
  return [{ type: 'IncidentReported', data: { ...payload, reportedBy: context.actor.accountId } }];
}
