import * as shared from '@eventstore/db-client/generated/shared_pb';
import * as rpc from '@eventstore/db-client/generated/status_pb';
import * as streams from '@eventstore/db-client/generated/streams_pb';
import { Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import type { Expected, LoggedEvent, Proposed } from './event-log';

/** Conversions between the protobuf messages the client ships (generated/) and the double's log. */

export function uuidFromWire(uuid: shared.UUID | undefined): string {
  if (!uuid) throw new WireError(status.INVALID_ARGUMENT, 'missing uuid');
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured() as shared.UUID.Structured;
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
  bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The client asks for ids as strings or as two 64-bit halves (ReadReq.Options.uuid_option). */
export function uuidToWire(id: string, structured: boolean): shared.UUID {
  const uuid = new shared.UUID();
  if (!structured) return uuid.setString(id);
  const bytes = Buffer.from(id.replaceAll('-', ''), 'hex');
  const halves = new shared.UUID.Structured()
    .setMostSignificantBits(bytes.readBigInt64BE(0).toString())
    .setLeastSignificantBits(bytes.readBigInt64BE(8).toString());
  return uuid.setStructured(halves);
}

export function streamName(identifier: shared.StreamIdentifier | undefined): string {
  if (!identifier) throw new WireError(status.INVALID_ARGUMENT, 'missing stream identifier');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

export function streamIdentifier(name: string): shared.StreamIdentifier {
  return new shared.StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));
}

export function readEvent(event: LoggedEvent, structuredIds: boolean): streams.ReadResp.ReadEvent {
  const recorded = new streams.ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidToWire(event.id, structuredIds))
    .setStreamIdentifier(streamIdentifier(event.stream))
    .setStreamRevision(event.revision.toString())
    // Servers from 22.6 fill the `$all` position in stream reads too (KurrentDB pull request 3459);
    // commit equals prepare for events appended outside explicit transactions.
    .setPreparePosition(event.position.toString())
    .setCommitPosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.created.toString());
  return new streams.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(event.position.toString());
}

/** A proposed event; the server refuses one without its `type` or `content-type` metadata. */
export function proposedFromWire(
  message: streams.AppendReq.ProposedMessage | streams.BatchAppendReq.ProposedMessage,
): Proposed {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (type === undefined || contentType === undefined) {
    throw new WireError(status.INVALID_ARGUMENT, 'Required Metadata Property Missing', {
      exception: 'missing-required-metadata-property',
      'required-metadata-properties': type === undefined ? 'type' : 'content-type',
    });
  }
  return {
    id: uuidFromWire(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

type ExpectationOptions = {
  hasNoStream(): boolean;
  hasAny(): boolean;
  hasStreamExists(): boolean;
};

export function expectedFrom(options: ExpectationOptions, revision: () => string | undefined): Expected {
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasAny()) return { kind: 'any' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  const value = revision();
  if (value === undefined) throw new WireError(status.INVALID_ARGUMENT, 'missing expected revision');
  return { kind: 'revision', revision: BigInt(value) };
}

export function wrongExpectedVersion(
  expected: Expected,
  current: bigint | undefined,
): shared.WrongExpectedVersion {
  const details = new shared.WrongExpectedVersion();
  if (current === undefined) details.setCurrentNoStream(new Empty());
  else details.setCurrentStreamRevision(current.toString());
  if (expected.kind === 'any') details.setExpectedAny(new Empty());
  else if (expected.kind === 'no_stream') details.setExpectedNoStream(new Empty());
  else if (expected.kind === 'stream_exists') details.setExpectedStreamExists(new Empty());
  else details.setExpectedStreamPosition(expected.revision.toString());
  return details;
}

/** A google.rpc.Status whose details pack one of the client's error messages, as BatchAppend answers. */
export function statusWith(code: number, message: string, typeName: string, details: Uint8Array): rpc.Status {
  const any = new Any();
  any.pack(details, typeName);
  return new rpc.Status().setCode(code).setMessage(message).setDetails(any);
}

/** The numbers the server puts in a wrong-expected-version error's trailers (ExpectedVersion.*). */
export function expectedVersionNumber(expected: Expected): string {
  switch (expected.kind) {
    case 'any':
      return '-2';
    case 'no_stream':
      return '-1';
    case 'stream_exists':
      return '-4';
    default:
      return expected.revision.toString();
  }
}

/** An error the server reports as a gRPC status, with the trailers the client reads the details from. */
export class WireError extends Error {
  constructor(
    readonly code: status,
    readonly details: string,
    readonly trailers: Record<string, string> = {},
  ) {
    super(details);
  }

  toServiceError(): Partial<ServiceError> & { code: status } {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(this.trailers)) metadata.set(key, value);
    return { code: this.code, details: this.details, metadata, message: this.details };
  }
}

export function streamDeleted(stream: string): WireError {
  return new WireError(status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': stream,
  });
}

export function wrongExpectedVersionError(
  stream: string,
  expected: Expected,
  current: bigint | undefined,
): WireError {
  const trailers: Record<string, string> = {
    exception: 'wrong-expected-version',
    'stream-name': stream,
    'expected-version': expectedVersionNumber(expected),
  };
  if (current !== undefined) trailers['actual-version'] = current.toString();
  return new WireError(status.FAILED_PRECONDITION, 'Wrong expected version.', trailers);
}
