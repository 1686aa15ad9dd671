import type { JsonObject, JsonValue } from '@bufbuild/protobuf';
import { parseCsv } from './csv.js';
import { KINDS, type Kind } from './document.js';
import { elementLines } from './json-lines.js';
import { csvRecordToJson } from './csv-columns.js';

/** One record of an import file, where it came from, and its protobuf JSON. */
export interface Row {
  readonly kind: Kind;
  readonly line: number;
  /** `services[3]` in JSON, `services.csv:12` in CSV. */
  readonly location: string;
  readonly json: JsonObject;
}

/** Why a row (or the file) cannot be imported; line 0 when the file as a whole is wrong. */
export interface RowError {
  readonly line: number;
  readonly location: string;
  readonly field: string;
  readonly reason: string;
}

export interface Parsed {
  readonly rows: Row[];
  readonly errors: RowError[];
  readonly demo: boolean;
}

const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON import document (see `ImportDocument`). */
export function rowsFromJson(text: string, name = 'import.json'): Parsed {
  let doc: JsonValue;
  try {
    doc = JSON.parse(text) as JsonValue;
  } catch (error) {
    return { rows: [], errors: [{ line: 0, location: name, field: '', reason: `not JSON: ${(error as Error).message}` }], demo: false };
  }
  if (!isObject(doc)) return { rows: [], errors: [{ line: 1, location: name, field: '', reason: `must be an object with lists: ${KINDS.join(', ')}` }], demo: false };
  const lines = elementLines(text);
  const rows: Row[] = [];
  const errors: RowError[] = [];
  for (const key of Object.keys(doc)) {
    if (key !== 'demo' && !(KINDS as readonly string[]).includes(key)) errors.push({ line: 0, location: key, field: key, reason: `unknown list; expected ${KINDS.join(', ')}` });
  }
  for (const kind of KINDS) {
    const list = doc[kind];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      errors.push({ line: 0, location: kind, field: kind, reason: 'must be a list' });
      continue;
    }
    list.forEach((item, i) => {
      const location = `${kind}[${i}]`;
      const line = lines.get(location) ?? 0;
      if (isObject(item)) rows.push({ kind, line, location, json: item });
      else errors.push({ line, location, field: '', reason: 'must be an object' });
    });
  }
  return { rows, errors, demo: doc.demo === true };
}

/** A CSV file of one kind of record: a header of field names, then one record per row. */
export function rowsFromCsv(kind: Kind, text: string, name = `${kind}.csv`): Parsed {
  const { records, error } = parseCsv(text);
  const errors: RowError[] = error ? [{ line: error.line, location: `${name}:${error.line}`, field: '', reason: error.reason }] : [];
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [...errors, { line: 1, location: name, field: '', reason: 'empty file: expected a header line' }], demo: false };
  const rows: Row[] = [];
  for (const record of body) {
    const location = `${name}:${record.line}`;
    const converted = csvRecordToJson(kind, header.cells, record.cells);
    if ('errors' in converted) errors.push(...converted.errors.map((e) => ({ line: record.line, location, ...e })));
    else rows.push({ kind, line: record.line, location, json: converted.json });
  }
  return { rows, errors, demo: false };
}

/** `services.csv` → `services`; undefined when the name says no kind. */
export function kindOfFile(fileName: string): Kind | undefined {
  const base = fileName.split(/[\\/]/).pop()!.replace(/\.csv$/i, '').toLowerCase().replace(/[-_ ](\w)/g, (_, c: string) => c.toUpperCase());
  return (KINDS as readonly string[]).includes(base) ? (base as Kind) : undefined;
}
