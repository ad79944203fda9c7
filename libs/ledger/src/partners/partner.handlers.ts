import { streamHandler } from '../shared/stream-handler';
import { ChangePartnerPrograms, decideChangePrograms } from './change-programs/change-programs.command';
import { DeactivatePartner, decideDeactivatePartner } from './deactivate-partner/deactivate-partner.command';
import { decideListService, ListService } from './list-service/list-service.command';
import { partnerStream, partners } from './partner';
import { decideRegisterPartner, RegisterPartner } from './register-partner/register-partner.command';
import { decideUpdateService, UpdateService } from './update-service/update-service.command';
import { decideWithdrawService, WithdrawService } from './withdraw-service/withdraw-service.command';

const stream = (p: { partnerId: string }) => partnerStream(p.partnerId);
const partner = (p: { partnerId: string }) => ({ id: p.partnerId });
const service = (p: { partnerId: string; serviceId: string }) => ({
  id: p.partnerId,
  serviceId: p.serviceId,
});

export const partnerHandlers = [
  streamHandler(RegisterPartner, stream, partners, decideRegisterPartner, partner),
  streamHandler(ChangePartnerPrograms, stream, partners, decideChangePrograms, partner),
  streamHandler(DeactivatePartner, stream, partners, decideDeactivatePartner, partner),
  streamHandler(ListService, stream, partners, decideListService, service),
  streamHandler(UpdateService, stream, partners, decideUpdateService, service),
  streamHandler(WithdrawService, stream, partners, decideWithdrawService, service),
];
