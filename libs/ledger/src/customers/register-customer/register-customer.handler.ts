import { EventStore } from '@ledger/event-sourcing';
import { PersonalDataProtector, SsnHasher } from '@ledger/security';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type ClearanceCandidate, ClearanceSearches } from '../../clearance/clearance-searches';
import { CustomerIdentities } from '../../clearance/customer-identities';
import { execute } from '../../shared/execute';
import { customerStream, customers } from '../customer';
import {
  decideRegisterCustomer,
  RegisterCustomer,
  type RegisterCustomerDecision,
} from './register-customer.command';

@CommandHandler(RegisterCustomer)
export class RegisterCustomerHandler implements ICommandHandler<RegisterCustomer> {
  constructor(
    private readonly store: EventStore,
    private readonly protector: PersonalDataProtector,
    private readonly ssn: SsnHasher,
    private readonly clearance: ClearanceSearches,
    private readonly identities: CustomerIdentities,
  ) {}

  async execute(command: RegisterCustomer) {
    const { customerId, customerIdMinted, personal, ssn, ...rest } = command.payload;
    // The SSN reduced once, for the search and for the event (it is never stored).
    const reduced = ssn ? this.ssn.protect(ssn) : undefined;
    const identity = { ...personal, sex: rest.sex, ...reduced };
    const claim = await this.clearance.claim(customerId, identity, rest.clearance.searchId);
    try {
      return await this.register(command, claim.candidates, reduced);
    } finally {
      claim.release();
    }
  }

  private async register(
    command: RegisterCustomer,
    found: ClearanceCandidate[],
    reduced: { ssnHash: string; ssnLast4: string } | undefined,
  ) {
    const { customerId, customerIdMinted, personal, ssn: _ssn, ...rest } = command.payload;
    const candidates = found.map(({ customerId: id, grade, score, display }) => ({
      customerId: id,
      grade,
      score,
      display,
    }));
    // The key is queued before the events it seals, so both land in the same group commit.
    const { key, durable } = await this.protector.newKey(customerId, { minted: customerIdMinted });
    const sealedPersonal = this.protector.seal(customerId, key, personal);
    // The clearance index takes the details from here when it indexes this registration (no decrypting).
    this.identities.rememberSealed(sealedPersonal, personal);
    const decision: RegisterCustomerDecision = {
      customerId,
      candidates,
      personal: sealedPersonal,
      ...reduced,
      ...rest,
    };
    const sealed = { ...command, payload: decision } as never;
    try {
      const [outcome] = await Promise.all([
        execute(
          this.store,
          customerStream(customerId),
          customers,
          decideRegisterCustomer,
          sealed,
          { id: customerId },
          { presumeEmpty: customerIdMinted },
        ),
        durable,
      ]);
      return outcome;
    } catch (error) {
      this.identities.forgetSealed(sealedPersonal);
      this.protector.forget(customerId);
      throw error;
    }
  }
}
