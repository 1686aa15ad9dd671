import { ScalarType, type DescMessage } from '@bufbuild/protobuf';
import { PersonalDataKind, personalFields } from '@mpp/contracts';
import { DEFAULT_ENTITLEMENTS, ENTITLEMENTS, type Entitlement } from './entitlements.js';
import { partnerEvents, STRIPPED } from './route.js';

/** How a marked field reaches a partner. */
export function treatmentOf(kind: PersonalDataKind, isString: boolean): string {
  if (!isString) return 'cleared';
  return kind === PersonalDataKind.PHONE ? '`***` + last 3 digits' : '`***`';
}

/** One line per event type a partner can receive: what it carries and what is masked or dropped. */
export interface PartnerFieldRow {
  readonly type: string;
  readonly entitlement: Entitlement;
  readonly byDefault: boolean;
  readonly fields: readonly string[];
  readonly hidden: readonly string[];
}

const fieldList = (schema: DescMessage) => schema.fields.map((f) => f.localName + (f.message ? ` (${f.message.name})` : ''));

export function partnerFieldRows(): PartnerFieldRow[] {
  return (Object.entries(ENTITLEMENTS) as [Entitlement, readonly string[]][]).flatMap(([entitlement, types]) =>
    types.map((type) => {
      const schema = partnerEvents.get(type)!.schema;
      const hidden = [
        ...personalFields(schema).map((f) => `${f.path}: ${treatmentOf(f.marking.kind, f.field.fieldKind === 'scalar' && f.field.scalar === ScalarType.STRING)}`),
        ...(STRIPPED.get(schema.typeName) ?? []).map((path) => `${path}: dropped`),
      ];
      return { type, entitlement, byDefault: DEFAULT_ENTITLEMENTS.includes(entitlement), fields: fieldList(schema), hidden };
    }),
  );
}

/** The table in docs/partners.md (a unit test keeps the two equal). */
export function partnerFieldTable(): string {
  const lines = ['| event type | entitlement | fields | masked or dropped |', '| --- | --- | --- | --- |'];
  for (const r of partnerFieldRows()) {
    lines.push(`| \`${r.type}\` | ${r.entitlement}${r.byDefault ? '' : ' (grant)'} | ${r.fields.join(', ')} | ${r.hidden.join('; ') || '—'} |`);
  }
  return lines.join('\n');
}
