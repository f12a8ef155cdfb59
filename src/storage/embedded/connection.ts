// One client connection: reassembles frames from the byte stream, answers each request,
// and closes the connection (with a log line) on malformed input.
import type { Socket } from 'node:net';
import type { EmbeddedLogger } from './logger';
import { encodeMsg, encodeReply, HEADER_SIZE, MAX_MESSAGE_BYTES, parseMessage, WireError, type Request } from './wire';
import type { Doc } from './values';

/** Runs one command document; `db` comes from `$db` or the OP_QUERY namespace. */
export type CommandRunner = (body: Doc, connectionId: number) => Doc;

let nextRequestId = 1;

export class WireConnection {
  readonly id: number;
  private readonly socket: Socket;
  private readonly run: CommandRunner;
  private readonly logger: EmbeddedLogger;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private closed = false;

  constructor(socket: Socket, id: number, run: CommandRunner, logger: EmbeddedLogger) {
    this.socket = socket;
    this.id = id;
    this.run = run;
    this.logger = logger;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.onEnd());
    socket.on('error', () => this.close());
    socket.on('close', () => {
      this.closed = true;
    });
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (!this.closed && this.buffered >= 4) {
      const head = this.peek(4);
      const length = head.readInt32LE(0);
      if (length < HEADER_SIZE || length > MAX_MESSAGE_BYTES) {
        this.reject(`invalid message length ${length}`);
        return;
      }
      if (this.buffered < length) return;
      const message = this.take(length);
      this.handle(message);
    }
  }

  private onEnd(): void {
    if (this.buffered > 0 && !this.closed) {
      this.logger.warn({ connectionId: this.id, bufferedBytes: this.buffered }, 'embedded mongo: connection ended in the middle of a message');
    }
    this.close();
  }

  private peek(n: number): Buffer {
    if ((this.chunks[0] as Buffer).length < n) this.chunks = [Buffer.concat(this.chunks)];
    return (this.chunks[0] as Buffer).subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    const message = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return message;
  }

  private handle(message: Buffer): void {
    let request: Request;
    try {
      request = parseMessage(message);
    } catch (err) {
      this.reject(err instanceof WireError ? err.message : `unparseable message: ${String(err)}`);
      return;
    }
    if (request.kind === 'msg') {
      const reply = this.run(request.body, this.id);
      if (!request.moreToCome) this.send(this.encode(encodeMsg, reply, request.header.requestId));
      return;
    }
    this.send(this.encode(encodeReply, this.runLegacy(request.collection, request.query), request.header.requestId));
  }

  /** Serialises a reply; one that cannot be encoded (e.g. too large) becomes an error reply. */
  private encode(encoder: (doc: Doc, requestId: number, responseTo: number) => Buffer, reply: Doc, responseTo: number): Buffer {
    try {
      return encoder(reply, nextRequestId++, responseTo);
    } catch (err) {
      const errmsg = `reply could not be encoded: ${err instanceof Error ? err.message : String(err)}`;
      this.logger.error({ connectionId: this.id, err: errmsg }, 'embedded mongo: reply encoding failed');
      return encoder({ ok: 0, errmsg, code: 10334, codeName: 'BSONObjectTooLarge' }, nextRequestId++, responseTo);
    }
  }

  private runLegacy(collection: string, query: Doc): Doc {
    if (!collection.endsWith('.$cmd')) {
      return { $err: 'OP_QUERY is only supported for commands', code: 352, ok: 0 };
    }
    const inner = query.$query !== undefined && typeof query.$query === 'object' ? (query.$query as Doc) : query;
    return this.run({ ...inner, $db: collection.slice(0, -'.$cmd'.length) }, this.id);
  }

  private send(buf: Buffer): void {
    if (!this.closed) this.socket.write(buf);
  }

  private reject(reason: string): void {
    this.logger.warn({ connectionId: this.id, remote: this.socket.remoteAddress, reason }, 'embedded mongo: closing connection after bad wire input');
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.chunks = [];
    this.buffered = 0;
    this.socket.destroy();
  }
}
