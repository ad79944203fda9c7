import { streamHandler } from '../shared/stream-handler';
import { incidentStream, incidents } from './incident';
import { decideReportIncident, ReportIncident } from './report-incident/report-incident.command';
import { decideResolveIncident, ResolveIncident } from './resolve-incident/resolve-incident.command';

const stream = (p: { incidentId: string }) => incidentStream(p.incidentId);
const incident = (p: { incidentId: string }) => ({ id: p.incidentId });

export const incidentHandlers = [
  streamHandler(ReportIncident, stream, incidents, decideReportIncident, incident),
  streamHandler(ResolveIncident, stream, incidents, decideResolveIncident, incident),
];
