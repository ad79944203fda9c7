import * as rpc from '@eventstore/db-client/generated/code_pb';
import * as shared from '@eventstore/db-client/generated/shared_pb';
import * as streams from '@eventstore/db-client/generated/streams_pb';
import type {
  ServerDuplexStream,
  ServerReadableStream,
  ServerUnaryCall,
  ServiceError,
  sendUnaryData,
} from '@grpc/grpc-js';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import type { EventLog, Expected, Proposed, WriteOutcome } from './event-log';
import {
  expectedFrom,
  proposedFromWire,
  statusWith,
  streamDeleted,
  streamIdentifier,
  streamName,
  uuidFromWire,
  WireError,
  wrongExpectedVersion,
  wrongExpectedVersionError,
} from './wire-messages';

const asServiceError = (error: unknown) =>
  (error instanceof WireError ? error : new WireError(13, String(error))).toServiceError() as ServiceError;

/** Told after each successful write; true means the server dies now and the answer is never sent. */
export type AfterWrite = (stream: string) => boolean;

/** Streams.Append: options first, then the proposed events, one message each. */
export function handleAppend(
  log: EventLog,
  call: ServerReadableStream<streams.AppendReq, streams.AppendResp>,
  callback: sendUnaryData<streams.AppendResp>,
  afterWrite: AfterWrite,
): void {
  let options: streams.AppendReq.Options | undefined;
  const proposed: Proposed[] = [];
  let failure: unknown;
  call.on('data', (request: streams.AppendReq) => {
    try {
      if (request.hasOptions()) options = request.getOptions();
      else proposed.push(proposedFromWire(request.getProposedMessage() as streams.AppendReq.ProposedMessage));
    } catch (error) {
      failure ??= error;
    }
  });
  call.on('end', () => {
    try {
      if (failure) throw failure;
      if (!options) throw new WireError(3, 'append without options');
      const stream = streamName(options.getStreamIdentifier());
      const chosen = options;
      const expected = expectedFrom(options, () => (chosen.hasRevision() ? chosen.getRevision() : undefined));
      const outcome = log.append(stream, expected, proposed);
      if (!outcome.ok && outcome.kind === 'stream-deleted') throw streamDeleted(stream);
      if (outcome.ok && afterWrite(stream)) return;
      callback(null, appendResponse(outcome, expected));
    } catch (error) {
      callback(asServiceError(error));
    }
  });
}

function appendResponse(outcome: WriteOutcome, expected: Expected): streams.AppendResp {
  if (outcome.ok) {
    const success = new streams.AppendResp.Success();
    if (outcome.revision === undefined) success.setNoStream(new shared.Empty());
    else success.setCurrentRevision(outcome.revision.toString());
    if (outcome.position === undefined) success.setNoPosition(new shared.Empty());
    else success.setPosition(appendPosition(outcome.position));
    return new streams.AppendResp().setSuccess(success);
  }
  const wrong = new streams.AppendResp.WrongExpectedVersion();
  const current = outcome.kind === 'wrong-expected-version' ? outcome.current : undefined;
  if (current === undefined) wrong.setCurrentNoStream(new shared.Empty());
  else wrong.setCurrentRevision(current.toString());
  if (expected.kind === 'any') wrong.setExpectedAny(new shared.Empty());
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new shared.Empty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new shared.Empty());
  else wrong.setExpectedRevision(expected.revision.toString());
  return new streams.AppendResp().setWrongExpectedVersion(wrong);
}

function appendPosition(at: bigint): streams.AppendResp.Position {
  return new streams.AppendResp.Position().setCommitPosition(at.toString()).setPreparePosition(at.toString());
}

interface PendingBatch {
  stream: string;
  expected: Expected;
  proposed: Proposed[];
}

/**
 * Streams.BatchAppend: one long-lived duplex call carrying many appends, told apart by correlation id;
 * an append may span several requests (its options come with the first, `is_final` with the last).
 * Failures travel as a google.rpc.Status whose details pack the client's error message.
 */
export function handleBatchAppend(
  log: EventLog,
  call: ServerDuplexStream<streams.BatchAppendReq, streams.BatchAppendResp>,
  afterWrite: AfterWrite,
) {
  const pending = new Map<string, PendingBatch>();
  call.on('data', (request: streams.BatchAppendReq) => {
    const correlation = request.getCorrelationId();
    const id = uuidFromWire(correlation);
    const reply = new streams.BatchAppendResp().setCorrelationId(correlation);
    try {
      const options = request.getOptions();
      if (options) {
        const stream = streamName(options.getStreamIdentifier());
        const expected = expectedFrom(options, () =>
          options.hasStreamPosition() ? options.getStreamPosition() : undefined,
        );
        pending.set(id, { stream, expected, proposed: [] });
      }
      const batch = pending.get(id);
      if (!batch) return;
      batch.proposed.push(...request.getProposedMessagesList().map(proposedFromWire));
      if (!request.getIsFinal()) return;
      pending.delete(id);
      reply.setStreamIdentifier(streamIdentifier(batch.stream));
      const outcome = log.append(batch.stream, batch.expected, batch.proposed);
      if (outcome.ok && afterWrite(batch.stream)) return;
      if (outcome.ok) {
        const success = new streams.BatchAppendResp.Success();
        if (outcome.revision === undefined) success.setNoStream(new Empty());
        else success.setCurrentRevision(outcome.revision.toString());
        if (outcome.position === undefined) success.setNoPosition(new Empty());
        else {
          const at = outcome.position.toString();
          success.setPosition(new shared.AllStreamPosition().setCommitPosition(at).setPreparePosition(at));
        }
        reply.setSuccess(success);
      } else if (outcome.kind === 'stream-deleted') {
        const details = new shared.StreamDeleted().setStreamIdentifier(streamIdentifier(batch.stream));
        reply.setError(
          statusWith(
            rpc.Code.FAILED_PRECONDITION,
            'Stream deleted',
            'event_store.client.StreamDeleted',
            details.serializeBinary(),
          ),
        );
      } else {
        const details = wrongExpectedVersion(batch.expected, outcome.current);
        reply.setError(
          statusWith(
            rpc.Code.FAILED_PRECONDITION,
            'Wrong expected version',
            'event_store.client.WrongExpectedVersion',
            details.serializeBinary(),
          ),
        );
      }
    } catch (error) {
      pending.delete(id);
      const bad = new shared.BadRequest().setMessage(error instanceof Error ? error.message : String(error));
      reply.setError(
        statusWith(
          rpc.Code.INVALID_ARGUMENT,
          'Bad request',
          'event_store.client.BadRequest',
          bad.serializeBinary(),
        ),
      );
    }
    call.write(reply);
  });
  call.on('end', () => call.end());
  call.on('error', () => pending.clear());
}

type DeleteRequest = streams.DeleteReq | streams.TombstoneReq;

/**
 * Streams.Delete and Streams.Tombstone. A soft delete can be undone by appending again; a tombstone
 * is final (https://developers.eventstore.com/server/v21.2/streams/deleting-streams-and-events.html).
 */
export function handleDelete<Response extends streams.DeleteResp | streams.TombstoneResp>(
  log: EventLog,
  hard: boolean,
  call: ServerUnaryCall<DeleteRequest, Response>,
  callback: sendUnaryData<Response>,
  respond: () => Response,
): void {
  try {
    const options = call.request.getOptions();
    if (!options) throw new WireError(3, 'delete without options');
    const stream = streamName(options.getStreamIdentifier());
    const expected = expectedFrom(options, () => (options.hasRevision() ? options.getRevision() : undefined));
    const outcome = hard ? log.tombstone(stream, expected) : log.softDelete(stream, expected);
    if (!outcome.ok) {
      throw outcome.kind === 'stream-deleted'
        ? streamDeleted(stream)
        : wrongExpectedVersionError(stream, expected, outcome.current);
    }
    const response = respond();
    if (outcome.position === undefined) response.setNoPosition(new shared.Empty());
    else {
      const at = outcome.position.toString();
      const position = hard ? new streams.TombstoneResp.Position() : new streams.DeleteResp.Position();
      position.setCommitPosition(at).setPreparePosition(at);
      (response as { setPosition(p: unknown): unknown }).setPosition(position);
    }
    callback(null, response);
  } catch (error) {
    callback(asServiceError(error));
  }
}
