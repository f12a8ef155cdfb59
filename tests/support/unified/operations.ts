// The collection and database operations of the unified CRUD tests, mapped onto the
// official driver, and the normalisation of their results to the spec's shapes.
import type { AnyBulkWriteOperation, Collection, Db, Document } from 'mongodb';

export type Entity = { kind: 'collection'; value: Collection<Document> } | { kind: 'database'; value: Db };

type Args = Record<string, unknown>;

const WRITE_RESULT_FIELDS = [
  'insertedId', 'insertedIds', 'insertedCount', 'matchedCount', 'modifiedCount', 'deletedCount',
  'upsertedCount', 'upsertedId', 'upsertedIds',
];

/** Copies the spec-visible fields of a driver write result (including getters) into a plain object. */
export function normalizeResult(result: unknown): unknown {
  if (result === null || typeof result !== 'object' || Array.isArray(result) || result instanceof Date) return result;
  const source = result as Record<string, unknown>;
  if (!WRITE_RESULT_FIELDS.some((f) => source[f] !== undefined)) return result;
  const out: Record<string, unknown> = {};
  for (const f of WRITE_RESULT_FIELDS) if (source[f] !== undefined) out[f] = source[f];
  return out;
}

function split(args: Args, ...names: string[]): [unknown[], Args] {
  const rest: Args = { ...args };
  const picked = names.map((n) => {
    const v = rest[n];
    delete rest[n];
    return v;
  });
  return [picked, rest];
}

function returnDocument(opts: Args): Args {
  const rd = opts.returnDocument;
  if (typeof rd === 'string') return { ...opts, returnDocument: rd.toLowerCase() };
  return opts;
}

export const SUPPORTED_OPERATIONS = new Set([
  'aggregate', 'bulkWrite', 'countDocuments', 'deleteMany', 'deleteOne', 'distinct', 'estimatedDocumentCount', 'find',
  'findOne', 'findOneAndDelete', 'findOneAndReplace', 'findOneAndUpdate', 'insertMany', 'insertOne', 'replaceOne',
  'updateMany', 'updateOne', 'createCollection', 'dropCollection',
]);

async function onCollection(coll: Collection<Document>, name: string, args: Args): Promise<unknown> {
  switch (name) {
    case 'aggregate': {
      const [[pipeline], opts] = split(args, 'pipeline');
      return coll.aggregate(pipeline as Document[], opts).toArray();
    }
    case 'bulkWrite': {
      const [[requests], opts] = split(args, 'requests');
      return coll.bulkWrite(requests as AnyBulkWriteOperation<Document>[], opts);
    }
    case 'countDocuments': {
      const [[filter], opts] = split(args, 'filter');
      return coll.countDocuments(filter as Document, opts);
    }
    case 'estimatedDocumentCount':
      return coll.estimatedDocumentCount(args);
    case 'distinct': {
      const [[field, filter], opts] = split(args, 'fieldName', 'filter');
      return coll.distinct(field as string, (filter ?? {}) as Document, opts);
    }
    case 'find': {
      const [[filter], opts] = split(args, 'filter');
      return coll.find((filter ?? {}) as Document, opts).toArray();
    }
    case 'findOne': {
      const [[filter], opts] = split(args, 'filter');
      return coll.findOne((filter ?? {}) as Document, opts);
    }
    case 'deleteOne':
    case 'deleteMany': {
      const [[filter], opts] = split(args, 'filter');
      return name === 'deleteOne' ? coll.deleteOne(filter as Document, opts) : coll.deleteMany(filter as Document, opts);
    }
    case 'insertOne': {
      const [[doc], opts] = split(args, 'document');
      return coll.insertOne(doc as Document, opts);
    }
    case 'insertMany': {
      const [[docs], opts] = split(args, 'documents');
      return coll.insertMany(docs as Document[], opts);
    }
    case 'updateOne':
    case 'updateMany': {
      const [[filter, update], opts] = split(args, 'filter', 'update');
      return name === 'updateOne'
        ? coll.updateOne(filter as Document, update as Document, opts)
        : coll.updateMany(filter as Document, update as Document, opts);
    }
    case 'replaceOne': {
      const [[filter, replacement], opts] = split(args, 'filter', 'replacement');
      return coll.replaceOne(filter as Document, replacement as Document, opts);
    }
    case 'findOneAndDelete': {
      const [[filter], opts] = split(args, 'filter');
      return coll.findOneAndDelete(filter as Document, opts);
    }
    case 'findOneAndReplace': {
      const [[filter, replacement], opts] = split(args, 'filter', 'replacement');
      return coll.findOneAndReplace(filter as Document, replacement as Document, returnDocument(opts));
    }
    case 'findOneAndUpdate': {
      const [[filter, update], opts] = split(args, 'filter', 'update');
      return coll.findOneAndUpdate(filter as Document, update as Document, returnDocument(opts));
    }
    default:
      throw new Error(`operation ${name} is not supported on a collection by this runner`);
  }
}

async function onDatabase(db: Db, name: string, args: Args): Promise<unknown> {
  const [[collection], opts] = split(args, 'collection');
  if (name === 'createCollection') {
    await db.createCollection(collection as string, opts);
    return undefined;
  }
  if (name === 'dropCollection') return db.dropCollection(collection as string, opts);
  throw new Error(`operation ${name} is not supported on a database by this runner`);
}

export async function execute(entity: Entity, name: string, args: Args): Promise<unknown> {
  const result = entity.kind === 'collection' ? await onCollection(entity.value, name, args) : await onDatabase(entity.value, name, args);
  return normalizeResult(result);
}
