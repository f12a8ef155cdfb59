// Sorting in BSON order (arrays sort by their smallest element ascending, largest descending)
// and find-style projection through mingo.
import { find as mingoFind } from 'mingo';
import { fail, toCommandError } from './errors';
import { mingoOptions } from './matcher';
import { pathValues } from './paths';
import { compareValues, isPlainObject, type Doc } from './values';

export type SortSpec = Array<[string, 1 | -1]>;

export function parseSort(raw: unknown): SortSpec | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isPlainObject(raw)) fail('TypeMismatch', 'sort must be an object');
  const spec: SortSpec = [];
  for (const [path, dir] of Object.entries(raw)) {
    if (isPlainObject(dir)) fail('BadValue', `$meta sort by ${path} is not supported by the embedded store`);
    if (dir !== 1 && dir !== -1) fail('BadValue', `$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    spec.push([path, dir]);
  }
  return spec.length > 0 ? spec : undefined;
}

function sortKey(doc: Doc, path: string, dir: 1 | -1): unknown {
  const values = pathValues(doc, path);
  if (values.length === 0) return null;
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    const c = compareValues(values[i], best);
    if ((dir === 1 && c < 0) || (dir === -1 && c > 0)) best = values[i];
  }
  return best;
}

/** Stable sort in BSON order; `$natural` keeps (or reverses) the natural order. */
export function sortDocs(docs: Doc[], spec: SortSpec | undefined): Doc[] {
  if (!spec) return docs;
  const first = spec[0];
  if (first && first[0] === '$natural') return first[1] === 1 ? docs : [...docs].reverse();
  const keyed = docs.map((doc) => ({ doc, keys: spec.map(([path, dir]) => sortKey(doc, path, dir)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < spec.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i]);
      if (c !== 0) return c * (spec[i] as [string, 1 | -1])[1];
    }
    return 0;
  });
  return keyed.map((k) => k.doc);
}

function needsCondition(projection: Doc): boolean {
  return Object.keys(projection).some((k) => k.endsWith('.$'));
}

/** Applies a find projection to documents that already matched `filter`. */
export function projectDocs(docs: Doc[], projection: Doc | undefined, filter: Doc, variables?: Doc): Doc[] {
  if (!projection || Object.keys(projection).length === 0 || docs.length === 0) return docs;
  try {
    const condition = needsCondition(projection) ? filter : {};
    return mingoFind(docs, condition, projection, mingoOptions(variables)).all() as Doc[];
  } catch (err) {
    throw toCommandError(err);
  }
}
