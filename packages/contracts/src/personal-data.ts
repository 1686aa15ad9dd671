import { clone, getOption, hasOption, type DescField, type DescMessage, type Message, type MessageShape } from '@bufbuild/protobuf';
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect';
import { personal_data, PersonalDataKind, type PersonalData } from './gen/mpp/options/v1/personal_data_pb.js';

/** A field marked `(mpp.options.v1.personal_data)` in the contract, with its marking. */
export interface PersonalField {
  readonly path: string;
  readonly field: DescField;
  readonly marking: PersonalData;
}

/**
 * Lists the personal-data fields of a message type, nested messages included, so partner
 * topics, logs and analytics can drop or mask them mechanically.
 *
 * @example
 * personalFields(ActorSchema).map((f) => f.path); // ['subject']
 */
export function personalFields(schema: DescMessage, prefix = '', seen = new Set<string>()): PersonalField[] {
  if (seen.has(schema.typeName)) return [];
  seen.add(schema.typeName);
  const out: PersonalField[] = [];
  for (const field of schema.fields) {
    const path = prefix + field.localName;
    if (hasOption(field, personal_data)) out.push({ path, field, marking: getOption(field, personal_data) });
    const nested = field.message;
    if (nested) out.push(...personalFields(nested, `${path}.`, new Set(seen)));
  }
  return out;
}

/** Masks a value by its kind: keeps what helps an operator (the last digits of a phone). */
export function maskValue(kind: PersonalDataKind, value: string): string {
  if (value === '') return value;
  if (kind === PersonalDataKind.PHONE) return `***${value.slice(-3)}`;
  return '***';
}

/**
 * Returns a copy of a message with every personal-data field masked (strings) or cleared
 * (anything else), recursing into nested messages, lists and maps.
 */
export function redact<Desc extends DescMessage>(schema: Desc, message: MessageShape<Desc>): MessageShape<Desc> {
  const copy = clone(schema, message);
  redactInPlace(reflect(schema, copy));
  return copy;
}

function redactInPlace(msg: ReflectMessage): void {
  for (const field of msg.fields) {
    if (!msg.isSet(field)) continue;
    if (hasOption(field, personal_data)) {
      const { kind } = getOption(field, personal_data);
      if (field.fieldKind === 'scalar' && typeof msg.get(field) === 'string') {
        msg.set(field, maskValue(kind, msg.get(field) as string));
      } else {
        msg.clear(field);
      }
      continue;
    }
    if (field.fieldKind === 'message') redactInPlace(msg.get(field));
    else if (field.fieldKind === 'list' && field.listKind === 'message') {
      for (const item of msg.get(field)) redactInPlace(item as ReflectMessage);
    } else if (field.fieldKind === 'map' && field.mapKind === 'message') {
      for (const [, item] of msg.get(field)) redactInPlace(item as ReflectMessage);
    }
  }
}

export type { Message };
