// The planner answers `_id` and indexed equality from hash maps instead of scanning.
import { ObjectId } from 'bson';
import { Collection } from '../../../src/storage/embedded/collection';
import { compileFilter } from '../../../src/storage/embedded/matcher';
import { fastApply } from '../../../src/storage/embedded/fast-update';

function candidateCount(coll: Collection, filter: Record<string, unknown>): number {
  return Array.from(coll.candidates(compileFilter(filter))).length;
}

describe('query planning over hash indexes', () => {
  const coll = new Collection('db', 'drivers');
  const ids: ObjectId[] = [];

  beforeAll(() => {
    coll.createIndex({ name: 'plate_1', key: { plate: 1 }, unique: true });
    coll.createIndex({ name: 'city_kind', key: { city: 1, kind: 1 } });
    for (let i = 0; i < 5000; i++) {
      const _id = new ObjectId();
      ids.push(_id);
      coll.insert({ _id, plate: `P${i}`, city: `c${i % 10}`, kind: i % 7, tags: [`t${i % 3}`] });
    }
  });

  it('looks up _id, $in on _id, and a unique field without touching other documents', () => {
    expect(candidateCount(coll, { _id: ids[42] })).toBe(1);
    expect(candidateCount(coll, { _id: { $in: [ids[1], ids[2], ids[2]] } })).toBe(2);
    expect(candidateCount(coll, { plate: 'P4999', points: { $gt: 3 } })).toBe(1);
    expect(candidateCount(coll, { plate: { $eq: 'P7' } })).toBe(1);
    expect(candidateCount(coll, { $and: [{ plate: 'P8' }, { kind: 1 }] })).toBe(1);
  });

  it('uses the longest equality prefix of a compound index', () => {
    expect(candidateCount(coll, { city: 'c3' })).toBe(500);
    expect(candidateCount(coll, { city: 'c3', kind: 3 })).toBeLessThan(100);
    expect(coll.matching(compileFilter({ city: 'c3', kind: 3 })).every((d) => d.city === 'c3' && d.kind === 3)).toBe(true);
  });

  it('falls back to a scan only when no index fits', () => {
    expect(candidateCount(coll, { kind: 3 })).toBe(5000);
    expect(candidateCount(coll, { plate: /^P1/ })).toBe(5000);
  });

  it('keeps indexes consistent across replace and remove', () => {
    const doc = coll.matching(compileFilter({ plate: 'P10' }))[0] as Record<string, unknown>;
    coll.replace(doc, { ...doc, plate: 'P10-new', city: 'moved' });
    expect(candidateCount(coll, { plate: 'P10' })).toBe(0);
    expect(coll.matching(compileFilter({ plate: 'P10-new' }))).toHaveLength(1);
    expect(coll.matching(compileFilter({ city: 'moved' }))).toHaveLength(1);
    const moved = coll.matching(compileFilter({ city: 'moved' }))[0] as Record<string, unknown>;
    expect(coll.remove(moved)).toBe(true);
    expect(candidateCount(coll, { city: 'moved' })).toBe(0);
    expect(coll.count).toBe(4999);
  });
});

describe('the fast update path', () => {
  it('applies $set, $inc and $unset on nested paths and reports whether anything changed', () => {
    const doc: Record<string, unknown> = { _id: 1, a: { b: 1 }, n: 2, gone: true };
    expect(fastApply(doc, { $set: { 'a.c': 'x', z: 1 }, $inc: { n: 3, 'm.k': 1 }, $unset: { gone: '' } })).toBe(true);
    expect(doc).toEqual({ _id: 1, a: { b: 1, c: 'x' }, n: 5, m: { k: 1 }, z: 1 });
    expect(fastApply(doc, { $set: { z: 1 }, $unset: { missing: '' } })).toBe(false);
  });

  it('declines what it cannot do exactly, leaving the document untouched', () => {
    const doc: Record<string, unknown> = { _id: 1, arr: [{ v: 1 }], s: 'x' };
    const before = JSON.stringify(doc);
    expect(fastApply(doc, { $set: { 'arr.0.v': 2 } })).toBeUndefined();
    expect(fastApply(doc, { $set: { a: 1 }, $inc: { 'a.b': 1 } })).toBeUndefined();
    expect(fastApply(doc, { $push: { arr: 1 } })).toBeUndefined();
    expect(fastApply(doc, { $set: { '__proto__.polluted': 1 } })).toBeUndefined();
    expect(JSON.stringify(doc)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
