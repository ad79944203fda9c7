import { EventStore } from '@ledger/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { readPartner } from '../../partners/read-partner';
import { execute } from '../../shared/execute';
import { agreementStream, agreements } from '../agreement';
import { decideRecordAgreement, RecordAgreement } from './record-agreement.command';

@CommandHandler(RecordAgreement)
export class RecordAgreementHandler implements ICommandHandler<RecordAgreement> {
  constructor(private readonly store: EventStore) {}

  async execute(command: RecordAgreement) {
    const { agreementId, parties } = command.payload;
    const partyStates = await Promise.all(parties.map((id) => readPartner(this.store, id)));
    const decision = { ...command, payload: { ...command.payload, partyStates } } as never;
    return execute(this.store, agreementStream(agreementId), agreements, decideRecordAgreement, decision, {
      id: agreementId,
    });
  }
}
