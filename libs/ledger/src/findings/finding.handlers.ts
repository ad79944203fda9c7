import { streamHandler } from '../shared/stream-handler';
import { DismissFinding, decideDismissFinding } from './dismiss-finding/dismiss-finding.command';
import { findingStream, findings } from './finding';
import { decideResolveFinding, ResolveFinding } from './resolve-finding/resolve-finding.command';

export const findingHandlers = [
  streamHandler(
    ResolveFinding,
    (p) => findingStream(p.findingId),
    findings,
    decideResolveFinding,
    (p) => ({ id: p.findingId }),
  ),
  streamHandler(
    DismissFinding,
    (p) => findingStream(p.findingId),
    findings,
    decideDismissFinding,
    (p) => ({ id: p.findingId }),
  ),
];
