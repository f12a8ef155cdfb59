// Dotted-path helpers with MongoDB's array traversal rules.
import { isPlainObject, type Doc } from './values';

const NUMERIC = /^\d+$/;

/**
 * Every value a dotted path reaches, descending into arrays the way queries and multikey
 * indexes do. A terminal array contributes its elements. Missing paths give [].
 */
export function pathValues(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  return out;
}

function collect(cur: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(cur)) for (const x of cur) out.push(x);
    else if (cur !== undefined) out.push(cur);
    return;
  }
  const part = parts[i] as string;
  if (Array.isArray(cur)) {
    if (NUMERIC.test(part)) collect(cur[Number(part)], parts, i + 1, out);
    for (const el of cur) if (isPlainObject(el)) collect(el[part], parts, i + 1, out);
    return;
  }
  if (isPlainObject(cur)) collect(cur[part], parts, i + 1, out);
}

/** The single value at a dotted path without array traversal (undefined when absent). */
export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(cur) && NUMERIC.test(part)) cur = cur[Number(part)];
    else if (isPlainObject(cur)) cur = cur[part];
    else return undefined;
  }
  return cur;
}

/** Sets a dotted path, creating intermediate documents. Returns false when blocked by a non-document. */
export function setPath(doc: Doc, path: string, value: unknown): boolean {
  const parts = path.split('.');
  let cur: Doc = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    const next = cur[part];
    if (next === undefined) {
      const created: Doc = {};
      cur[part] = created;
      cur = created;
    } else if (isPlainObject(next)) {
      cur = next;
    } else {
      return false;
    }
  }
  cur[parts[parts.length - 1] as string] = value;
  return true;
}
