// The TCP listener: accepts connections on 127.0.0.1 and hands each to a WireConnection.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { CommandDispatcher } from './commands/dispatch';
import { WireConnection } from './connection';
import { CursorManager } from './cursors';
import type { EmbeddedLogger } from './logger';
import { Store } from './store';

export interface ServerOptions {
  port: number;
  host: string;
  logger: EmbeddedLogger;
  ttlIntervalMs: number;
  cursorIdleMs: number;
}

export class EmbeddedServer {
  readonly store = new Store();
  private readonly cursors: CursorManager;
  private readonly dispatcher: CommandDispatcher;
  private readonly server: Server;
  private readonly connections = new Set<WireConnection>();
  private readonly options: ServerOptions;
  private nextConnectionId = 1;

  constructor(options: ServerOptions) {
    this.options = options;
    this.cursors = new CursorManager(options.cursorIdleMs);
    this.dispatcher = new CommandDispatcher(this.store, this.cursors, options.logger);
    this.server = createServer((socket) => this.accept(socket));
  }

  private accept(socket: Socket): void {
    const conn = new WireConnection(socket, this.nextConnectionId++, (body, id) => this.dispatcher.run(body, id), this.options.logger);
    this.connections.add(conn);
    socket.on('close', () => this.connections.delete(conn));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.server.on('error', (err) => this.options.logger.error({ err: err.message }, 'embedded mongo: server error'));
    this.store.startReaper(this.options.ttlIntervalMs, (err) =>
      this.options.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'embedded mongo: TTL reaper failed'),
    );
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.store.stopReaper();
    this.cursors.stop();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const conn of this.connections) conn.close();
    this.connections.clear();
    await closed;
  }
}
