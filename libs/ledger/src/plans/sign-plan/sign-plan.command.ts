import { LedgerCommand } from '../../shared/ledger-command';
import type { PlanEvent, PlanState } from '../plan';
import { requireOpenOwnPlan } from '../plan-rules';

export class SignPlan extends LedgerCommand<{ planId: string; signer: string }> {}

/**
 * The participant, the worker or a supervisor signs (the worker records the participant's signature).
 * A plan may be signed again after it changes, so every signature is kept.
 */
export function decideSignPlan(
  { signer }: { planId: string; signer: string },
  state: PlanState,
  context: SignPlan['context'],
): PlanEvent[] {
  const ids = requireOpenOwnPlan(state, context);
  return [{ type: 'PlanSigned', data: { ...ids, signer } }];
}
