import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** Slots of the shared counters: requests sent to the writer thread, replies it has sent back. */
export const SENT = 0;
export const REPLIED = 1;

/** What the writer thread starts with (`workerData`). */
export interface WriterThreadData {
  file: string;
  counters: Int32Array;
  requests: MessagePort;
  replies: MessagePort;
}

/**
 * The main thread's end of the writer thread, one request at a time. Messages go through ports that
 * nobody listens on and are taken with `receiveMessageOnPort`; each side is woken through Atomics on a
 * shared counter (the writer blocks in Atomics.wait, this thread awaits Atomics.waitAsync). A message
 * event costs each side far more: on a busy 2-core VM a ping-pong through `worker.postMessage` and
 * 'message' events took 150–380 µs and ~70 µs of this thread's CPU, through Atomics 40–60 µs and ~7 µs;
 * a lone append waits for one round trip on top of its fsync.
 */
export class WriterChannel {
  private readonly worker: Worker;
  private readonly counters = new Int32Array(new SharedArrayBuffer(8));
  private readonly requests: MessagePort;
  private readonly replies: MessagePort;
  private sent = 0;
  private waiting?: { resolve(reply: unknown): void; reject(error: Error): void };
  private failure?: Error;

  constructor(script: string, file: string) {
    const requests = new MessageChannel();
    const replies = new MessageChannel();
    this.requests = requests.port1;
    this.replies = replies.port2;
    const workerData: WriterThreadData = {
      file,
      counters: this.counters,
      requests: requests.port2,
      replies: replies.port1,
    };
    this.worker = new Worker(script, { workerData, transferList: [requests.port2, replies.port1] });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the writer thread stopped (exit code ${code})`)));
    // Only a request in flight keeps the process alive (the worker is ref'd meanwhile).
    this.worker.unref();
    this.requests.unref();
    this.replies.unref();
  }

  /** Sends one request and resolves with the writer's reply; one request at a time. */
  request<Reply>(message: unknown): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.waiting) return Promise.reject(new Error('the writer thread has a request in flight'));
    this.worker.ref();
    this.requests.postMessage(message);
    const sent = ++this.sent;
    Atomics.store(this.counters, SENT, sent);
    Atomics.notify(this.counters, SENT);
    return new Promise<Reply>((resolve, reject) => {
      this.waiting = { resolve: resolve as (reply: unknown) => void, reject };
      this.awaitReply(sent);
    });
  }

  private awaitReply(sent: number): void {
    const wait = Atomics.waitAsync(this.counters, REPLIED, sent - 1);
    if (wait.async) void wait.value.then(() => this.takeReply(sent));
    else this.takeReply(sent);
  }

  private takeReply(sent: number): void {
    // A failure (or a stale wake-up) settled this request already.
    if (!this.waiting || sent !== this.sent) return;
    if (Atomics.load(this.counters, REPLIED) < sent) {
      this.awaitReply(sent);
      return;
    }
    // The writer posts its reply before it counts it, so the reply is in the port by now.
    const reply = receiveMessageOnPort(this.replies);
    const { resolve, reject } = this.waiting;
    this.waiting = undefined;
    this.worker.unref();
    if (reply) resolve(reply.message);
    else reject(new Error('the writer thread counted a reply it did not send'));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }

  async terminate(): Promise<void> {
    this.failure ??= new Error('event store is closed');
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
