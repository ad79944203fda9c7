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

interface Waiter {
  resolve(reply: unknown): void;
  reject(error: Error): void;
}

/**
 * The main thread's end of the writer thread. Messages go through ports that nobody listens on and are
 * taken with `receiveMessageOnPort`; each side is woken through Atomics on a shared counter (the writer
 * blocks in Atomics.wait, this thread awaits Atomics.waitAsync). A message event costs each side far more:
 * on a busy 2-core VM a ping-pong through `worker.postMessage` and 'message' events took 150–380 µs and
 * ~70 µs of this thread's CPU, through Atomics 40–60 µs and ~7 µs; a lone append waits for one round trip
 * on top of its fsync. Requests may queue: the writer takes them in order, and replies come back in order.
 */
export class WriterChannel {
  private readonly worker: Worker;
  private readonly counters = new Int32Array(new SharedArrayBuffer(8));
  private readonly requests: MessagePort;
  private readonly replies: MessagePort;
  private sent = 0;
  private replied = 0;
  private readonly waiting: Waiter[] = [];
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

  /** Sends one request and resolves with the writer's reply to it. */
  request<Reply>(message: unknown): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.waiting.length === 0) this.worker.ref();
    this.requests.postMessage(message);
    const sent = ++this.sent;
    Atomics.store(this.counters, SENT, sent);
    Atomics.notify(this.counters, SENT);
    return new Promise<Reply>((resolve, reject) => {
      this.waiting.push({ resolve: resolve as (reply: unknown) => void, reject });
      // Replies are awaited one at a time, oldest first: only the first request starts waiting.
      if (this.waiting.length === 1) this.awaitReply();
    });
  }

  private awaitReply(): void {
    const wait = Atomics.waitAsync(this.counters, REPLIED, this.replied);
    if (wait.async) void wait.value.then(() => this.takeReplies());
    else this.takeReplies();
  }

  private takeReplies(): void {
    // The writer posts each reply before it counts it, so every counted reply is in the port by now.
    const counted = Atomics.load(this.counters, REPLIED);
    while (this.replied < counted && this.waiting.length > 0) {
      this.replied += 1;
      const reply = receiveMessageOnPort(this.replies);
      const { resolve, reject } = this.waiting.shift() as Waiter;
      if (reply) resolve(reply.message);
      else reject(new Error('the writer thread counted a reply it did not send'));
    }
    if (this.waiting.length > 0) this.awaitReply();
    else this.worker.unref();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.splice(0)) waiting.reject(error);
  }

  async terminate(): Promise<void> {
    this.failure ??= new Error('event store is closed');
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
