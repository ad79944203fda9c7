import { EventStore } from '@ledger/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PartnerState } from '../../partners/partner';
import { readPartner } from '../../partners/read-partner';
import { execute } from '../../shared/execute';
import { agreementStream, agreements } from '../agreement';
import { AmendAgreement, decideAmendAgreement } from './amend-agreement.command';

@CommandHandler(AmendAgreement)
export class AmendAgreementHandler implements ICommandHandler<AmendAgreement> {
  constructor(private readonly store: EventStore) {}

  async execute(command: AmendAgreement) {
    const { agreementId, changes } = command.payload;
    // Parties may change with the amendment: read every partner either version names.
    const current = await this.store.readStream(agreementStream(agreementId)).catch(() => []);
    const named = new Set<string>(changes.parties ?? []);
    for (const e of current) for (const p of (e.data as { parties?: string[] }).parties ?? []) named.add(p);
    const states = new Map<string, PartnerState>();
    await Promise.all([...named].map(async (id) => states.set(id, await readPartner(this.store, id))));
    const partyStates = (terms: { parties: string[] }) =>
      terms.parties.map((id) => states.get(id) as PartnerState);
    const decision = { ...command, payload: { ...command.payload, partyStates } } as never;
    return execute(this.store, agreementStream(agreementId), agreements, decideAmendAgreement, decision, {
      id: agreementId,
    });
  }
}
