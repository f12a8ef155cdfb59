// The logging surface the store needs; a pino logger satisfies it.

export interface EmbeddedLogger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

function write(stream: NodeJS.WriteStream, level: string, obj: object | string, msg?: string): void {
  const line = typeof obj === 'string' ? { level, msg: obj } : { level, ...obj, msg };
  stream.write(`${JSON.stringify(line)}\n`);
}

/** Used when the caller passes no logger: one JSON line per event on stderr. */
export const stderrLogger: EmbeddedLogger = {
  info: (obj, msg) => write(process.stderr, 'info', obj, msg),
  warn: (obj, msg) => write(process.stderr, 'warn', obj, msg),
  error: (obj, msg) => write(process.stderr, 'error', obj, msg),
};
