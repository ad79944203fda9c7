/**
 * Whether this process is the only writer of customers' records and its store reports each of its appends
 * (`EventStore.onAppended`): the embedded SQLite mode (the CLI writes account streams only). In-process
 * copies that follow the store may then trust "no append reported, nothing changed", and drop what an
 * append changes at its commit. In the scaled mode other replicas write, so they read the store every time.
 */
export class SoleWriter {
  constructor(readonly enabled: boolean) {}
}
