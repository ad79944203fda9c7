/** A migration refused or failed for a reason worth one line to the operator (nothing else is wrong). */
export class MigrationError extends Error {}
