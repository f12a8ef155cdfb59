// Query filters: a fast path for plain equality, mingo for everything else, and the equality
// parts the planner uses to answer from a hash index.
import { Query } from 'mingo';
import type { Options } from 'mingo/types';
import { toCommandError } from './errors';
import { pathValues } from './paths';
import { isIndexableScalar, isPlainObject, valueKey, type Doc } from './values';

export function mingoOptions(variables?: Doc): Partial<Options> {
  return variables ? { scriptEnabled: false, variables } : { scriptEnabled: false };
}

export interface CompiledFilter {
  readonly filter: Doc;
  readonly empty: boolean;
  /** path -> scalar the filter requires equality with (usable for index lookups). */
  readonly equalities: Map<string, unknown>;
  /** path -> scalars of an `$in` (usable for index lookups). */
  readonly inLists: Map<string, unknown[]>;
  test(doc: Doc): boolean;
}

/** `{$eq: v}` or a bare value v: the scalar, or undefined when it is not a plain scalar equality. */
function equalityScalar(v: unknown): unknown {
  if (isIndexableScalar(v)) return v;
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === '$eq' && isIndexableScalar(v.$eq)) return v.$eq;
  }
  return undefined;
}

function inList(v: unknown): unknown[] | undefined {
  if (!isPlainObject(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length !== 1 || keys[0] !== '$in' || !Array.isArray(v.$in)) return undefined;
  return v.$in.every(isIndexableScalar) ? v.$in : undefined;
}

function gatherEqualities(filter: Doc, eq: Map<string, unknown>, ins: Map<string, unknown[]>): void {
  for (const key of Object.keys(filter)) {
    const v = filter[key];
    if (key === '$and' && Array.isArray(v)) {
      for (const part of v) if (isPlainObject(part)) gatherEqualities(part, eq, ins);
      continue;
    }
    if (key.startsWith('$')) continue;
    const scalar = equalityScalar(v);
    if (scalar !== undefined) eq.set(key, scalar);
    else {
      const list = inList(v);
      if (list) ins.set(key, list);
    }
  }
}

function isSimpleEquality(filter: Doc, eq: Map<string, unknown>): boolean {
  for (const key of Object.keys(filter)) {
    if (key.startsWith('$') || !eq.has(key)) return false;
  }
  return true;
}

export function compileFilter(filter: Doc | undefined, variables?: Doc): CompiledFilter {
  const f = filter ?? {};
  const equalities = new Map<string, unknown>();
  const inLists = new Map<string, unknown[]>();
  gatherEqualities(f, equalities, inLists);
  const empty = Object.keys(f).length === 0;
  let test: (doc: Doc) => boolean;
  if (empty) {
    test = () => true;
  } else if (isSimpleEquality(f, equalities)) {
    const wanted = [...equalities].map(([path, v]) => [path, valueKey(v)] as const);
    test = (doc) => wanted.every(([path, key]) => pathValues(doc, path).some((x) => valueKey(x) === key));
  } else {
    let query: Query;
    try {
      query = new Query(f, mingoOptions(variables));
    } catch (err) {
      throw toCommandError(err);
    }
    test = (doc) => {
      try {
        return query.test(doc);
      } catch (err) {
        throw toCommandError(err);
      }
    };
  }
  return { filter: f, empty, equalities, inLists, test };
}
