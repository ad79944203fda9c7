import { streamHandler } from '../shared/stream-handler';
import { DismissFinding, decideDismissFinding } from './dismiss-finding/dismiss-finding.command';
import { findingStream, findings } from './finding';

export const findingHandlers = [
  streamHandler(
    DismissFinding,
    (p) => findingStream(p.findingId),
    findings,
    decideDismissFinding,
    (p) => ({ id: p.findingId }),
  ),
];
