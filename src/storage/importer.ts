// Loads JSON-lines record files (CONTRACT.md "Import record shapes") into MongoDB.
//
// Each line is parsed and validated by parseRecordLine (src/services/records/schemas.ts), which
// refuses $-keys, dotted keys and unknown fields. A good line becomes an upsert by its natural
// key whose filter values sit under $eq and whose update is `$set` of the validated plain fields
// (optional fields left out of the line are `$unset`), so nothing from a file can act as an
// operator. Importing the same file twice changes nothing: the second run reports every line
// unchanged. Bad lines are reported with their line number and skipped; good lines still load.
import fs from 'node:fs';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import type { AnyBulkWriteOperation, Model } from 'mongoose';
import {
  parseRecordLine,
  type ParseOptions,
  type RecordByKind,
  type RecordKind,
} from '../services/records/schemas';
import type { AudienceDoc, LicenceDoc, RecordModels, VehicleDoc, ViolationDoc } from './models/records';

export interface LineProblem {
  line: number;
  message: string;
}

export interface ImportSummary {
  kind: RecordKind;
  /** Non-blank lines read. */
  lines: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: LineProblem[];
  warnings: LineProblem[];
}

export interface ImportOptions extends ParseOptions {
  /** Upserts sent per bulk write (default 500). */
  batchSize?: number;
}

type Eq = { $eq: string };
interface Upsert {
  filter: Record<string, Eq>;
  set: Record<string, unknown>;
  unset: string[];
}

function upsertOf<K extends RecordKind>(kind: K, record: RecordByKind[K]): Upsert {
  switch (kind) {
    case 'vehicles': {
      const { plate, plateType, ...rest } = record as RecordByKind['vehicles'];
      return { filter: { plate: { $eq: plate }, plateType: { $eq: plateType } }, set: rest, unset: [] };
    }
    case 'violations': {
      const { id, occurredAt, ...rest } = record as RecordByKind['violations'];
      const unset = (['decidedAt', 'onlineProcessable'] as const).filter((k) => rest[k] === undefined);
      const set: Record<string, unknown> = { ...rest, occurredAt: new Date(occurredAt) };
      for (const k of unset) delete set[k];
      return { filter: { _id: { $eq: id } }, set, unset };
    }
    case 'licences': {
      const { number, ...rest } = record as RecordByKind['licences'];
      return { filter: { number: { $eq: number } }, set: rest, unset: [] };
    }
    case 'audience': {
      const { phone, ...rest } = record as RecordByKind['audience'];
      return { filter: { phone: { $eq: phone } }, set: rest, unset: [] };
    }
    default:
      throw new Error(`unknown record kind ${String(kind)}`);
  }
}

type AnyRecordModel = Model<VehicleDoc> | Model<ViolationDoc> | Model<LicenceDoc> | Model<AudienceDoc>;

function modelOf(models: RecordModels, kind: RecordKind): AnyRecordModel {
  switch (kind) {
    case 'vehicles':
      return models.Vehicle;
    case 'violations':
      return models.Violation;
    case 'licences':
      return models.Licence;
    case 'audience':
      return models.Audience;
  }
}

async function flush(model: AnyRecordModel, batch: Upsert[], summary: ImportSummary): Promise<void> {
  if (batch.length === 0) return;
  const ops = batch.map((u) => ({
    updateOne: {
      filter: u.filter,
      update: u.unset.length === 0 ? { $set: u.set } : { $set: u.set, $unset: Object.fromEntries(u.unset.map((k) => [k, ''])) },
      upsert: true,
    },
  }));
  // Library boundary: the four models share this code path; the ops were built for `model`'s kind.
  const res = await (model as Model<VehicleDoc>).bulkWrite(ops as AnyBulkWriteOperation<VehicleDoc>[], { ordered: true });
  summary.inserted += res.upsertedCount;
  summary.updated += res.modifiedCount;
  summary.unchanged += res.matchedCount - res.modifiedCount;
}

/** Imports JSON lines of one kind from a stream. */
export async function importRecords(
  models: RecordModels,
  kind: RecordKind,
  input: Readable,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { kind, lines: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [], warnings: [] };
  const model = modelOf(models, kind);
  const batchSize = options.batchSize ?? 500;
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let batch: Upsert[] = [];
  for await (const raw of rl) {
    lineNo += 1;
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    summary.lines += 1;
    const parsed = parseRecordLine(kind, line, options);
    if (!parsed.ok) {
      summary.rejected.push({ line: lineNo, message: parsed.error });
      continue;
    }
    for (const w of parsed.warnings) summary.warnings.push({ line: lineNo, message: w });
    batch.push(upsertOf(kind, parsed.record));
    if (batch.length >= batchSize) {
      await flush(model, batch, summary);
      batch = [];
    }
  }
  await flush(model, batch, summary);
  return summary;
}

/** Imports a JSON-lines file. */
export async function importFile(
  models: RecordModels,
  kind: RecordKind,
  file: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const stream = fs.createReadStream(file, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  await opened;
  return importRecords(models, kind, stream, options);
}

/** The summary as the lines a person reads (no record values: they may be personal data). */
export function formatSummary(summary: ImportSummary, file: string): string[] {
  const out = [
    `${summary.kind} from ${file}: ${summary.lines} lines, ${summary.inserted} inserted, ${summary.updated} updated, ` +
      `${summary.unchanged} unchanged, ${summary.rejected.length} rejected`,
  ];
  for (const r of summary.rejected) out.push(`  line ${r.line}: rejected: ${r.message}`);
  for (const w of summary.warnings) out.push(`  line ${w.line}: warning: ${w.message}`);
  return out;
}
