import { streamHandler } from '../shared/stream-handler';
import { agreementStream, agreements } from './agreement';
import { AmendAgreementHandler } from './amend-agreement/amend-agreement.handler';
import { RecordAgreementHandler } from './record-agreement/record-agreement.handler';
import { decideSignAgreement, SignAgreement } from './sign-agreement/sign-agreement.command';
import {
  decideTerminateAgreement,
  TerminateAgreement,
} from './terminate-agreement/terminate-agreement.command';

const stream = (p: { agreementId: string }) => agreementStream(p.agreementId);
const agreement = (p: { agreementId: string }) => ({ id: p.agreementId });

export const agreementHandlers = [
  RecordAgreementHandler,
  AmendAgreementHandler,
  streamHandler(SignAgreement, stream, agreements, decideSignAgreement, agreement),
  streamHandler(TerminateAgreement, stream, agreements, decideTerminateAgreement, agreement),
];
