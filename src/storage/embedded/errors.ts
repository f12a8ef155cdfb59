// Errors shaped the way a MongoDB server shapes them: { ok: 0, errmsg, code, codeName }.

export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  InvalidLength: 16,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  NoSuchKey: 4,
  UnsatisfiableWriteConcern: 100,
  CommandNotSupported: 115,
  APIVersionError: 322,
  APIStrictError: 323,
  DuplicateKey: 11000,
  UnknownField: 40415,
  UnrecognizedPipelineStage: 40324,
} as const;

export type ErrorCodeName = keyof typeof ErrorCodes;

const namesByCode = new Map<number, string>(
  Object.entries(ErrorCodes).map(([name, code]) => [code, name === 'UnknownField' ? 'Location40415' : name]),
);

export function codeName(code: number): string {
  return namesByCode.get(code) ?? `Location${code}`;
}

/** An error the server reports to the client instead of crashing. */
export class MongoCommandError extends Error {
  readonly code: number;
  readonly extra: Record<string, unknown>;

  constructor(code: number, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'MongoCommandError';
    this.code = code;
    this.extra = extra;
  }

  /** Top-level command reply. */
  toReply(): Record<string, unknown> {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: codeName(this.code), ...this.extra };
  }

  /** Entry of a write command's writeErrors array. */
  toWriteError(index: number): Record<string, unknown> {
    return { index, code: this.code, ...this.extra, errmsg: this.message };
  }
}

export function fail(name: ErrorCodeName, message: string, extra?: Record<string, unknown>): never {
  throw new MongoCommandError(ErrorCodes[name], message, extra);
}

const mingoPatterns: Array<[RegExp, ErrorCodeName]> = [
  [/immutable field/i, 'ImmutableField'],
  [/would create a conflict/i, 'ConflictingUpdateOperators'],
  [/Unknown update operator/i, 'FailedToParse'],
  [/unregistered pipeline operator/i, 'UnrecognizedPipelineStage'],
  [/non-numeric/i, 'TypeMismatch'],
];

/** Turns anything thrown while evaluating a query, update or pipeline into a server error. */
export function toCommandError(err: unknown): MongoCommandError {
  if (err instanceof MongoCommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const isMingo = err instanceof Error && err.constructor.name === 'MingoError';
  if (isMingo) {
    for (const [pattern, name] of mingoPatterns) {
      if (pattern.test(message)) return new MongoCommandError(ErrorCodes[name], message);
    }
    return new MongoCommandError(ErrorCodes.BadValue, message);
  }
  if (err instanceof RangeError) return new MongoCommandError(ErrorCodes.BadValue, message);
  if (err instanceof Error && err.name.startsWith('BSON')) return new MongoCommandError(ErrorCodes.BadValue, message);
  return new MongoCommandError(ErrorCodes.InternalError, message);
}
