import { fromJson, toJson, ScalarType, type DescEnum, type DescField, type DescMessage, type JsonValue, type MessageShape } from '@bufbuild/protobuf';
import { AppError } from '@mpp/errors';

/**
 * The REST shape of the contracts: protobuf's JSON mapping (lowerCamelCase names, int64 as
 * strings, timestamps as RFC 3339) with enums in the words users read — `SOURCE_WALK_IN` is
 * `walk-in`, the unspecified value is left out. One walk over the descriptor each way, and one
 * JSON Schema per message for validation and the OpenAPI document.
 */

type Json = JsonValue;
type JsonObject = { [k: string]: Json };

/** `AGE_GROUP_20_TO_29` of enum `AgeGroup` → `20-to-29`: the value without its enum's prefix, lower case, dashes. */
function wordOf(e: DescEnum, valueName: string): string {
  const prefix = `${e.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}_`;
  const bare = valueName.startsWith(prefix) ? valueName.slice(prefix.length) : valueName;
  return bare.toLowerCase().replace(/_/g, '-');
}

/** `SOURCE_WALK_IN` of enum `Source` → `walk-in`. */
export function enumWord(e: DescEnum, number: number): string | undefined {
  const value = e.values.find((v) => v.number === number);
  if (!value || number === 0) return undefined;
  return wordOf(e, value.name);
}

export function enumWords(e: DescEnum): string[] {
  return e.values.filter((v) => v.number !== 0).map((v) => wordOf(e, v.name));
}

function enumFromWord(e: DescEnum, word: string, path: string): string {
  const value = e.values.find((v) => v.number !== 0 && wordOf(e, v.name) === word);
  if (!value) throw new AppError('invalid', `${path} must be one of ${enumWords(e).join(', ')}`, { violations: [{ field: path, reason: `must be one of ${enumWords(e).join(', ')}` }] });
  return value.name;
}

const isWellKnown = (m: DescMessage) => m.typeName.startsWith('google.protobuf.');
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(message: DescMessage, json: Json, path: string, toProto: boolean): Json {
  if (isWellKnown(message) || !isObject(json)) return json;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(json)) {
    const field = message.fields.find((f) => f.jsonName === key);
    out[key] = field ? walkField(field, value, path ? `${path}.${key}` : key, toProto) : value;
  }
  return out;
}

function walkField(field: DescField, value: Json, path: string, toProto: boolean): Json {
  const one = (v: Json, p: string): Json => {
    if (field.fieldKind === 'enum' || (field.fieldKind === 'list' && field.listKind === 'enum') || (field.fieldKind === 'map' && field.mapKind === 'enum')) {
      const e = field.enum;
      if (toProto) return typeof v === 'string' ? enumFromWord(e, v, p) : v;
      return typeof v === 'string' ? (enumWord(e, e.values.find((x) => x.name === v)?.number ?? 0) ?? null) : v;
    }
    if (field.fieldKind === 'message' || (field.fieldKind === 'list' && field.listKind === 'message') || (field.fieldKind === 'map' && field.mapKind === 'message')) return walk(field.message, v, p, toProto);
    return v;
  };
  if (field.fieldKind === 'list') return Array.isArray(value) ? value.map((v, i) => one(v, `${path}[${i}]`)) : value;
  if (field.fieldKind === 'map') return isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, one(v, `${path}.${k}`)])) : value;
  return one(value, path);
}

/** A request body (already schema-checked) → the protobuf message; a bad value is a 400 naming the field. */
export function messageFromRest<M extends DescMessage>(schema: M, json: JsonObject): MessageShape<M> {
  const protoJson = walk(schema, json, '', true);
  try {
    return fromJson(schema, protoJson);
  } catch (error) {
    const message = (error as Error).message.replace(/^cannot decode [^:]+: /, '');
    throw new AppError('invalid', `the request does not fit ${schema.name}: ${message}`, { cause: error });
  }
}

/** A protobuf message → its REST JSON, every field present (defaults too), enums as words. */
export function messageToRest<M extends DescMessage>(schema: M, message: MessageShape<M>): JsonObject {
  const json = toJson(schema, message, { alwaysEmitImplicit: true }) as JsonObject;
  return walk(schema, json, '', false) as JsonObject;
}

export interface JsonSchema {
  [k: string]: unknown;
}

const INT32 = new Set([ScalarType.INT32, ScalarType.SINT32, ScalarType.SFIXED32]);
const UINT32 = new Set([ScalarType.UINT32, ScalarType.FIXED32]);
const INT64 = new Set([ScalarType.INT64, ScalarType.SINT64, ScalarType.SFIXED64, ScalarType.UINT64, ScalarType.FIXED64]);

function scalarSchema(t: ScalarType, direction: 'in' | 'out'): JsonSchema {
  if (t === ScalarType.STRING) return { type: 'string', maxLength: 100_000 };
  if (t === ScalarType.BOOL) return { type: 'boolean' };
  if (INT32.has(t)) return { type: 'integer', minimum: -2147483648, maximum: 2147483647 };
  if (UINT32.has(t)) return { type: 'integer', minimum: 0, maximum: 4294967295 };
  if (INT64.has(t)) return direction === 'in' ? { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^-?\\d{1,20}$' }] } : { type: 'string', pattern: '^-?\\d+$' };
  if (t === ScalarType.BYTES) return { type: 'string', contentEncoding: 'base64' };
  return { type: 'number' };
}

function wellKnownSchema(m: DescMessage): JsonSchema {
  if (m.typeName === 'google.protobuf.Timestamp') return { type: 'string', format: 'date-time' };
  if (m.typeName === 'google.protobuf.Duration') return { type: 'string', pattern: '^-?\\d+(\\.\\d+)?s$' };
  return {};
}

function fieldSchema(field: DescField, direction: 'in' | 'out', seen: readonly string[]): JsonSchema {
  const single = (kind: 'scalar' | 'enum' | 'message', scalar?: ScalarType): JsonSchema => {
    if (kind === 'enum') {
      const words = enumWords(field.enum!);
      return direction === 'in' ? { type: 'string', enum: words } : { type: ['string', 'null'], enum: [...words, null] };
    }
    if (kind === 'message') return messageSchema(field.message!, direction, seen);
    return scalarSchema(scalar!, direction);
  };
  switch (field.fieldKind) {
    case 'scalar':
      return single('scalar', field.scalar);
    case 'enum':
      return single('enum');
    case 'message':
      return single('message');
    case 'list':
      return { type: 'array', maxItems: 10_000, items: single(field.listKind, field.listKind === 'scalar' ? field.scalar : undefined) };
    case 'map':
      return { type: 'object', additionalProperties: single(field.mapKind, field.mapKind === 'scalar' ? field.scalar : undefined) };
  }
}

/**
 * The JSON Schema of a message's REST shape. Requests (`in`) refuse unknown fields; `omit`
 * leaves out the fields the route takes from its path. Nested messages repeat inline (the
 * contracts have no recursion; a cycle ends in a plain object).
 */
export function messageSchema(message: DescMessage, direction: 'in' | 'out', seen: readonly string[] = [], omit: readonly string[] = []): JsonSchema {
  if (isWellKnown(message)) return wellKnownSchema(message);
  if (seen.includes(message.typeName)) return { type: 'object' };
  const next = [...seen, message.typeName];
  const properties: Record<string, JsonSchema> = {};
  for (const field of message.fields) if (!omit.includes(field.localName)) properties[field.jsonName] = fieldSchema(field, direction, next);
  return { type: 'object', properties, additionalProperties: direction === 'out' };
}
