import {
  type IServerFeaturesServer,
  ServerFeaturesService,
} from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import * as features from '@eventstore/db-client/generated/serverfeatures_pb';
import { type IStreamsServer, StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import * as streams from '@eventstore/db-client/generated/streams_pb';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { EventLog } from './event-log';
import { handleRead } from './read-handler';
import { type AfterWrite, handleAppend, handleBatchAppend, handleDelete } from './write-handlers';

export interface WireDoubleOptions {
  /** The data; pass the previous server's log to "restart" with the same contents. */
  log?: EventLog;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Advertise Streams.BatchAppend (as real servers do); without it the client falls back to Append. */
  batchAppend?: boolean;
}

/**
 * A test double for KurrentDB/EventStoreDB at the wire: a gRPC server built from the service
 * definitions `@eventstore/db-client` ships (generated/*_grpc_pb.js), serving Streams (Read, Append,
 * BatchAppend, Delete, Tombstone) and ServerFeatures over an in-memory log, for the real client.
 * Insecure only: connect with `?tls=false`. It is not the server; its name says so in every report.
 */
export class WireDouble {
  private constructor(
    private readonly server: Server,
    readonly log: EventLog,
    readonly port: number,
    /** How many calls each method served, so a test can tell which path the client took. */
    readonly calls: Record<'read' | 'append' | 'batchAppend' | 'delete' | 'tombstone', number>,
    private readonly crashes: Set<string>,
  ) {}

  /** The next write to this stream is made durable, then the server dies before it can answer. */
  crashAfterNextWriteTo(stream: string): void {
    this.crashes.add(stream);
  }

  static async start(options: WireDoubleOptions = {}): Promise<WireDouble> {
    const log = options.log ?? new EventLog();
    const server = new Server();
    const calls = { read: 0, append: 0, batchAppend: 0, delete: 0, tombstone: 0 };
    const crashes = new Set<string>();
    const afterWrite: AfterWrite = (stream) => {
      if (!crashes.delete(stream)) return false;
      setImmediate(() => server.forceShutdown());
      return true;
    };
    const implementation: IStreamsServer = {
      read: (call) => {
        calls.read += 1;
        handleRead(log, call);
      },
      append: (call, callback) => {
        calls.append += 1;
        handleAppend(log, call, callback, afterWrite);
      },
      batchAppend: (call) => {
        calls.batchAppend += 1;
        handleBatchAppend(log, call, afterWrite);
      },
      delete: (call, callback) => {
        calls.delete += 1;
        handleDelete(log, false, call, callback, () => new streams.DeleteResp());
      },
      tombstone: (call, callback) => {
        calls.tombstone += 1;
        handleDelete(log, true, call, callback, () => new streams.TombstoneResp());
      },
    };
    server.addService(StreamsService, implementation);
    const serverFeatures: IServerFeaturesServer = {
      getSupportedMethods: (_call, callback) => callback(null, supportedMethods(options.batchAppend ?? true)),
    };
    server.addService(ServerFeaturesService, serverFeatures);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(
        `127.0.0.1:${options.port ?? 0}`,
        ServerCredentials.createInsecure(),
        (error, bound) => (error ? reject(error) : resolve(bound)),
      ),
    );
    return new WireDouble(server, log, port, calls, crashes);
  }

  get url(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Drops every connection at once, mid-call, like a server process going away. */
  async stop(): Promise<void> {
    this.server.forceShutdown();
  }
}

/** What the client asks on connecting (dist/Client/ServerFeatures.js): method paths, lower-cased. */
function supportedMethods(batchAppend: boolean): features.SupportedMethods {
  const methods = ['read', 'append', 'delete', 'tombstone', ...(batchAppend ? ['batchappend'] : [])].map(
    (name) =>
      new features.SupportedMethod().setServiceName('event_store.client.streams.streams').setMethodName(name),
  );
  methods.push(
    new features.SupportedMethod()
      .setServiceName('event_store.client.server_features.serverfeatures')
      .setMethodName('getsupportedmethods'),
  );
  return new features.SupportedMethods()
    .setMethodsList(methods)
    .setEventStoreServerVersion('24.10.0-wire-double');
}
