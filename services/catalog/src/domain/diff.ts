import { toJson, type DescMessage, type MessageShape } from '@bufbuild/protobuf';

/**
 * The proto names of the fields whose values differ between two records of one message type,
 * in declaration order (what a `…Changed` event lists). Compared through the JSON form, so
 * repeated fields compare in order and nested messages by value.
 */
export function changedFields<D extends DescMessage>(schema: D, before: MessageShape<D>, after: MessageShape<D>): string[] {
  const a = toJson(schema, before, { alwaysEmitImplicit: true }) as Record<string, unknown>;
  const b = toJson(schema, after, { alwaysEmitImplicit: true }) as Record<string, unknown>;
  return schema.fields.filter((f) => JSON.stringify(a[f.jsonName]) !== JSON.stringify(b[f.jsonName])).map((f) => f.name);
}
