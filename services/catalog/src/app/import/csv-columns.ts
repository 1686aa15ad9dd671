import { ScalarType, type DescEnum, type DescField, type DescMessage, type JsonObject, type JsonValue } from '@bufbuild/protobuf';
import { AgencySchema, BoothSchema, CounterSchema, MallSchema, MembershipSchema, MobileVisitSchema, OfficerSchema, QueueSchema, ServiceSchema, ServiceStandardSchema } from '@mpp/contracts';
import type { Kind } from './document.js';

const ROOTS: Partial<Record<Kind, DescMessage>> = {
  malls: MallSchema,
  agencies: AgencySchema,
  queues: QueueSchema,
  booths: BoothSchema,
  counters: CounterSchema,
  services: ServiceSchema,
  standards: ServiceStandardSchema,
  officers: OfficerSchema,
  mobileVisits: MobileVisitSchema,
};

type Problem = { field: string; reason: string };
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const SPAN = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/;

/**
 * One CSV row as protobuf JSON. Columns are field names (`name_id` or `nameId`), nested ones
 * dotted (`membership.status`, `public.fee`); lists split on `;` (`booth_ids`, `channels`,
 * `public.requirements`); enums by their short name (`langsung`, `opd`, `active`); booleans
 * `true`/`false` or `ya`/`tidak`; hours as `mon-thu 08:00-12:00 13:00-16:00; fri 08:00-11:30`.
 * Empty cells are left out.
 */
export function csvRecordToJson(kind: Kind, header: readonly string[], cells: readonly string[]): { json: JsonObject } | { errors: Problem[] } {
  const root = ROOTS[kind];
  if (!root) return { errors: [{ field: '', reason: `${kind} cannot be imported from CSV; use a JSON file` }] };
  const json: JsonObject = {};
  const errors: Problem[] = [];
  if (cells.length > header.length) errors.push({ field: '', reason: `${cells.length} cells but ${header.length} columns in the header` });
  header.forEach((column, i) => {
    const value = (cells[i] ?? '').trim();
    if (value === '') return;
    const path = column.trim().split('.');
    // An agency row states its membership of one mall in `membership.*` columns.
    const [schema, target, rest] = kind === 'agencies' && path[0] === 'membership' ? [MembershipSchema, child(json, 'membership'), path.slice(1)] : [root, json, path];
    const problem = put(schema, target, rest, value, column.trim());
    if (problem) errors.push(problem);
  });
  return errors.length > 0 ? { errors } : { json };
}

function child(json: JsonObject, key: string): JsonObject {
  return ((json[key] as JsonObject | undefined) ??= {});
}

function fieldOf(schema: DescMessage, name: string): DescField | undefined {
  return schema.fields.find((f) => f.name === name || f.jsonName === name);
}

function put(schema: DescMessage, json: JsonObject, path: readonly string[], value: string, column: string): Problem | undefined {
  const field = fieldOf(schema, path[0]!);
  if (!field) return { field: column, reason: `unknown column; ${schema.name} has ${schema.fields.map((f) => f.name).join(', ')}` };
  if (path.length > 1) {
    if (field.fieldKind !== 'message') return { field: column, reason: `${field.name} has no parts` };
    return put(field.message, child(json, field.jsonName), path.slice(1), value, column);
  }
  const converted = convert(field, value);
  if (typeof converted === 'object' && converted !== null && 'reason' in converted) return { field: column, reason: String(converted.reason) };
  json[field.jsonName] = converted as JsonValue;
  return undefined;
}

function convert(field: DescField, value: string): JsonValue | { reason: string } {
  switch (field.fieldKind) {
    case 'scalar':
      return scalar(field.scalar, value);
    case 'enum':
      return enumValue(field.enum, value);
    case 'list': {
      if (field.listKind === 'message' && field.message.typeName === 'mpp.catalog.v1.DayHours') return weeklyHours(value);
      const parts = value.split(';').map((p) => p.trim()).filter((p) => p !== '');
      const out: JsonValue[] = [];
      for (const p of parts) {
        const v = field.listKind === 'enum' ? enumValue(field.enum, p) : field.listKind === 'scalar' ? scalar(field.scalar, p) : { reason: 'use a JSON file for this list' };
        if (typeof v === 'object' && v !== null && 'reason' in v) return v;
        out.push(v);
      }
      return out;
    }
    case 'message':
      if (field.message.typeName === 'mpp.catalog.v1.Interval') {
        const m = SPAN.exec(value.replace(/\s/g, ''));
        return m ? { open: m[1]!, close: m[2]! } : { reason: 'must be HH:MM-HH:MM' };
      }
      return { reason: 'use dotted columns for its parts' };
    default:
      return { reason: 'cannot be given in CSV' };
  }
}

function scalar(type: ScalarType, value: string): JsonValue | { reason: string } {
  if (type === ScalarType.BOOL) {
    const v = value.toLowerCase();
    if (['true', 'ya', 'yes', '1'].includes(v)) return true;
    if (['false', 'tidak', 'no', '0'].includes(v)) return false;
    return { reason: 'must be true or false (ya / tidak)' };
  }
  if (type === ScalarType.STRING || type === ScalarType.BYTES) return value;
  if (!/^-?\d+(\.\d+)?$/.test(value)) return { reason: 'must be a number' };
  return Number(value);
}

function enumValue(e: DescEnum, value: string): JsonValue | { reason: string } {
  const wanted = value.toUpperCase().replace(/[- ]/g, '_');
  const found = e.values.find((v) => v.name === wanted || v.localName.toUpperCase() === wanted);
  if (found && found.number !== 0) return found.name;
  return { reason: `must be one of ${e.values.filter((v) => v.number !== 0).map((v) => v.localName.toLowerCase()).join(', ')}` };
}

/** `mon-thu 08:00-12:00 13:00-16:00; fri 08:00-11:30 13:30-16:00; sat 08:00-12:00`. */
function weeklyHours(value: string): JsonValue | { reason: string } {
  const days: JsonObject[] = [];
  for (const part of value.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [range, ...spans] = part.split(/\s+/);
    const [from, to = from] = (range ?? '').toLowerCase().split('-');
    const a = WEEKDAYS.indexOf(from!);
    const b = WEEKDAYS.indexOf(to!);
    if (a < 0 || b < a) return { reason: `"${range}" is not a weekday or a range like mon-thu` };
    const intervals: JsonObject[] = [];
    for (const span of spans) {
      const m = SPAN.exec(span);
      if (!m) return { reason: `"${span}" is not HH:MM-HH:MM` };
      intervals.push({ open: m[1]!, close: m[2]! });
    }
    for (let d = a; d <= b; d++) days.push({ weekday: `WEEKDAY_${['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'][d]}`, intervals });
  }
  return days;
}
