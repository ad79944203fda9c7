import { EventStore } from '@ledger/event-sourcing';
import { PersonalDataProtector, SsnHasher } from '@ledger/security';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
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
  ) {}

  async execute(command: RegisterCustomer) {
    const { customerId, personal, ssn, ...rest } = command.payload;
    // The key is queued before the events it seals, so both land in the same group commit.
    const { key, durable } = await this.protector.newKey(customerId);
    const decision: RegisterCustomerDecision = {
      customerId,
      personal: this.protector.seal(customerId, key, personal),
      ...(ssn ? this.ssn.protect(ssn) : {}),
      ...rest,
    };
    const sealed = { ...command, payload: decision } as never;
    try {
      const [outcome] = await Promise.all([
        execute(this.store, customerStream(customerId), customers, decideRegisterCustomer, sealed, {
          id: customerId,
        }),
        durable,
      ]);
      return outcome;
    } catch (error) {
      this.protector.forget(customerId);
      throw error;
    }
  }
}
