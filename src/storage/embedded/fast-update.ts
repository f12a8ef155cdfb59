// A fast path for the most common updates ($set, $inc, $unset on paths through plain
// documents): the hot findOneAndUpdate path skips building a mingo context per call.
// Anything else (arrays on the path, positional operators, overlapping paths) returns
// undefined and goes through mingo.
import { deepClone, isPlainObject, numericValue, valuesEqual, type Doc } from './values';

const FAST_OPERATORS = new Set(['$set', '$inc', '$unset']);

interface Step {
  op: string;
  parts: string[];
  arg: unknown;
}

function plan(mod: Doc): Step[] | undefined {
  const steps: Step[] = [];
  const paths: string[] = [];
  for (const op of Object.keys(mod)) {
    if (!FAST_OPERATORS.has(op)) return undefined;
    const spec = mod[op] as Doc;
    for (const path of Object.keys(spec).sort()) {
      if (path.length === 0 || path.includes('$') || path.startsWith('.') || path.endsWith('.') || path.includes('..')) return undefined;
      const parts = path.split('.');
      if (parts.includes('__proto__')) return undefined;
      const arg = spec[path];
      if (op === '$inc' && numericValue(arg) === undefined) return undefined;
      paths.push(path);
      steps.push({ op, parts, arg });
    }
  }
  paths.sort();
  for (let i = 1; i < paths.length; i++) {
    const prev = paths[i - 1] as string;
    const cur = paths[i] as string;
    if (cur === prev || cur.startsWith(`${prev}.`)) return undefined;
  }
  return steps;
}

/** The parent document of the path's last part (created for $set/$inc), or undefined when not a plain path. */
function parentOf(doc: Doc, parts: string[], create: boolean): Doc | null | undefined {
  let cur: Doc = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] as string;
    const next = cur[key];
    if (next === undefined) {
      if (!create) return null;
      const made: Doc = {};
      cur[key] = made;
      cur = made;
    } else if (isPlainObject(next)) {
      cur = next;
    } else {
      return undefined;
    }
  }
  return cur;
}

/**
 * Applies the update to `target` (a private copy) when it fits the fast path.
 * Returns whether it changed anything, or undefined when mingo must handle it.
 */
export function fastApply(target: Doc, mod: Doc): boolean | undefined {
  const steps = plan(mod);
  if (!steps) return undefined;
  // Check every path before mutating, so a fallback starts from an untouched document.
  for (const s of steps) {
    if (parentOf(target, s.parts, false) === undefined) return undefined;
    if (s.op === '$inc') {
      const parent = parentOf(target, s.parts, false);
      const cur = parent ? parent[s.parts[s.parts.length - 1] as string] : undefined;
      if (cur !== undefined && typeof cur !== 'number') return undefined;
    }
  }
  let modified = false;
  for (const s of steps) {
    const last = s.parts[s.parts.length - 1] as string;
    if (s.op === '$unset') {
      const parent = parentOf(target, s.parts, false);
      if (parent && last in parent) {
        delete parent[last];
        modified = true;
      }
      continue;
    }
    const parent = parentOf(target, s.parts, true) as Doc;
    if (s.op === '$set') {
      if (!(last in parent) || !valuesEqual(parent[last], s.arg)) {
        parent[last] = deepClone(s.arg);
        modified = true;
      }
    } else {
      const cur = parent[last];
      const amount = numericValue(s.arg) as number;
      parent[last] = (typeof cur === 'number' ? cur : 0) + amount;
      if (cur === undefined || amount !== 0) modified = true;
    }
  }
  return modified;
}
