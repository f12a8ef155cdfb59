// Aggregation pipelines through mingo, with a leading $match answered from indexes,
// $sort in BSON order, and $out written back into the store.
import { Aggregator } from 'mingo';
import type { Collection } from './collection';
import { fail, toCommandError } from './errors';
import { compileFilter, mingoOptions } from './matcher';
import { parseSort, sortDocs } from './sort';
import type { Store } from './store';
import { deepClone, isPlainObject, type Doc } from './values';

const UNSUPPORTED_STAGES = new Set([
  '$merge', '$changeStream', '$currentOp', '$collStats', '$indexStats', '$listSessions', '$listLocalSessions',
  '$planCacheStats', '$search', '$searchMeta', '$vectorSearch', '$geoNear', '$documents', '$changeStreamSplitLargeEvent',
]);

/** Stages that never modify their input documents (mingo's $unwind and $addFields can). */
const READ_ONLY_STAGES = new Set(['$match', '$group', '$count', '$skip', '$limit', '$sort', '$sortByCount']);

function stageName(stage: unknown): string {
  if (!isPlainObject(stage)) fail('TypeMismatch', 'Each element of the \'pipeline\' array must be an object');
  const keys = Object.keys(stage);
  if (keys.length !== 1) fail('FailedToParse', 'A pipeline stage specification object must contain exactly one field.');
  return keys[0] as string;
}

export interface OutTarget {
  db: string;
  coll: string;
}

function parseOut(spec: unknown, db: string): OutTarget {
  if (typeof spec === 'string') return { db, coll: spec };
  if (isPlainObject(spec) && typeof spec.coll === 'string') return { db: typeof spec.db === 'string' ? spec.db : db, coll: spec.coll };
  return fail('FailedToParse', '$out stage requires a string or an object with a coll field');
}

export interface PipelineResult {
  docs: Doc[];
  out?: OutTarget;
}

export function runPipeline(store: Store, db: string, coll: Collection | undefined, pipeline: unknown[], variables?: Doc): PipelineResult {
  const stages = pipeline.map((s) => [stageName(s), (s as Doc)[stageName(s)]] as const);
  let out: OutTarget | undefined;
  stages.forEach(([name, spec], i) => {
    if (UNSUPPORTED_STAGES.has(name)) fail('InvalidOptions', `${name} is not supported by the embedded store`);
    if (name === '$out') {
      if (i !== stages.length - 1) fail('FailedToParse', '$out can only be the final stage in the pipeline');
      out = parseOut(spec, db);
    }
  });
  let rest = out ? stages.slice(0, -1) : stages;
  let docs: Doc[];
  const first = rest[0];
  if (coll && first && first[0] === '$match' && isPlainObject(first[1])) {
    docs = coll.matching(compileFilter(first[1], variables));
    rest = rest.slice(1);
  } else {
    docs = coll ? coll.all() : [];
  }
  // Stored documents must never be mutated by a stage: copy them unless every stage only reads.
  if (!rest.every(([name]) => READ_ONLY_STAGES.has(name))) docs = docs.map((d) => deepClone(d));
  const options = {
    ...mingoOptions(variables),
    collectionResolver: (name: string): Doc[] => (store.get(db, name)?.all() ?? []).map((d) => deepClone(d)),
  };
  let segment: Doc[] = [];
  const flush = (): void => {
    if (segment.length === 0) return;
    try {
      docs = new Aggregator(segment, options).run(docs) as Doc[];
    } catch (err) {
      throw toCommandError(err);
    }
    segment = [];
  };
  for (const [name, spec] of rest) {
    if (name === '$sort') {
      flush();
      docs = sortDocs(docs, parseSort(spec));
    } else {
      segment.push({ [name]: spec });
    }
  }
  flush();
  return out ? { docs, out } : { docs };
}
