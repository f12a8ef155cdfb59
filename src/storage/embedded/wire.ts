// MongoDB wire protocol framing: OP_MSG (kind-0 body, kind-1 document sequences, moreToCome,
// checksum) and the legacy OP_QUERY / OP_REPLY pair drivers still use for the first handshake.
import { deserialize, serialize } from 'bson';
import type { Doc } from './values';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;
export const HEADER_SIZE = 16;
export const MAX_MESSAGE_BYTES = 48_000_000;

const FLAG_CHECKSUM = 1;
const FLAG_MORE_TO_COME = 2;
const FLAG_EXHAUST_ALLOWED = 1 << 16;
const KNOWN_FLAGS = FLAG_CHECKSUM | FLAG_MORE_TO_COME | FLAG_EXHAUST_ALLOWED;
const DESERIALIZE_OPTIONS = { promoteLongs: true, promoteValues: true, promoteBuffers: false, bsonRegExp: false };

/** Malformed input: the connection that sent it is closed. */
export class WireError extends Error {
  override readonly name = 'WireError';
}

export interface Header {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export type Request =
  | { kind: 'msg'; header: Header; body: Doc; moreToCome: boolean }
  | { kind: 'query'; header: Header; collection: string; query: Doc };

export function readHeader(buf: Buffer): Header {
  return {
    length: buf.readInt32LE(0),
    requestId: buf.readInt32LE(4),
    responseTo: buf.readInt32LE(8),
    opCode: buf.readInt32LE(12),
  };
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C (Castagnoli), the checksum OP_MSG uses. */
export function crc32c(buf: Buffer): number {
  let crc = 0xffffffff;
  for (let i = 0; i < buf.length; i++) crc = (CRC_TABLE[(crc ^ (buf[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function readDoc(buf: Buffer, pos: number, end: number): { doc: Doc; next: number } {
  if (pos + 5 > end) throw new WireError('truncated BSON document');
  const size = buf.readInt32LE(pos);
  if (size < 5 || pos + size > end) throw new WireError(`invalid BSON document size ${size}`);
  try {
    return { doc: deserialize(buf.subarray(pos, pos + size), DESERIALIZE_OPTIONS) as Doc, next: pos + size };
  } catch (err) {
    throw new WireError(`invalid BSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function readCString(buf: Buffer, pos: number, end: number): { value: string; next: number } {
  const zero = buf.indexOf(0, pos);
  if (zero < 0 || zero >= end) throw new WireError('unterminated C string');
  return { value: buf.toString('utf8', pos, zero), next: zero + 1 };
}

function parseMsg(buf: Buffer, header: Header): Request {
  if (buf.length < HEADER_SIZE + 5) throw new WireError('OP_MSG too short');
  const flags = buf.readUInt32LE(HEADER_SIZE);
  if ((flags & 0xffff & ~KNOWN_FLAGS) !== 0) throw new WireError(`unsupported required OP_MSG flags ${flags}`);
  let end = buf.length;
  if (flags & FLAG_CHECKSUM) {
    end -= 4;
    if (end < HEADER_SIZE + 5) throw new WireError('OP_MSG too short for its checksum');
    if (crc32c(buf.subarray(0, end)) !== buf.readUInt32LE(end)) throw new WireError('OP_MSG checksum mismatch');
  }
  let pos = HEADER_SIZE + 4;
  let body: Doc | undefined;
  const sequences: Array<[string, Doc[]]> = [];
  while (pos < end) {
    const kind = buf[pos];
    pos += 1;
    if (kind === 0) {
      if (body) throw new WireError('OP_MSG with more than one body section');
      const r = readDoc(buf, pos, end);
      body = r.doc;
      pos = r.next;
    } else if (kind === 1) {
      if (pos + 4 > end) throw new WireError('truncated document sequence');
      const size = buf.readInt32LE(pos);
      const seqEnd = pos + size;
      if (size < 5 || seqEnd > end) throw new WireError(`invalid document sequence size ${size}`);
      const id = readCString(buf, pos + 4, seqEnd);
      const docs: Doc[] = [];
      let p = id.next;
      while (p < seqEnd) {
        const r = readDoc(buf, p, seqEnd);
        docs.push(r.doc);
        p = r.next;
      }
      sequences.push([id.value, docs]);
      pos = seqEnd;
    } else {
      throw new WireError(`unknown OP_MSG section kind ${String(kind)}`);
    }
  }
  if (!body) throw new WireError('OP_MSG without a body section');
  for (const [name, docs] of sequences) {
    if (name in body) throw new WireError(`document sequence '${name}' duplicates a body field`);
    body[name] = docs;
  }
  return { kind: 'msg', header, body, moreToCome: (flags & FLAG_MORE_TO_COME) !== 0 };
}

function parseQuery(buf: Buffer, header: Header): Request {
  const end = buf.length;
  let pos = HEADER_SIZE + 4;
  const name = readCString(buf, pos, end);
  pos = name.next + 8;
  const q = readDoc(buf, pos, end);
  if (q.next < end) readDoc(buf, q.next, end);
  return { kind: 'query', header, collection: name.value, query: q.doc };
}

/** Parses one complete message (header included). Throws WireError on malformed input. */
export function parseMessage(buf: Buffer): Request {
  const header = readHeader(buf);
  if (header.opCode === OP_MSG) return parseMsg(buf, header);
  if (header.opCode === OP_QUERY) return parseQuery(buf, header);
  throw new WireError(`unsupported opCode ${header.opCode}`);
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.allocUnsafe(HEADER_SIZE);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

export function encodeMsg(doc: Doc, requestId: number, responseTo: number): Buffer {
  const body = serialize(doc);
  const prefix = Buffer.alloc(5);
  const h = header(HEADER_SIZE + prefix.length + body.length, requestId, responseTo, OP_MSG);
  return Buffer.concat([h, prefix, body]);
}

export function encodeReply(doc: Doc, requestId: number, responseTo: number): Buffer {
  const body = serialize(doc);
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(1, 16);
  const h = header(HEADER_SIZE + fields.length + body.length, requestId, responseTo, OP_REPLY);
  return Buffer.concat([h, fields, body]);
}
