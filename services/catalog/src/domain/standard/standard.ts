import { create, equals } from '@bufbuild/protobuf';
import { InternalStandardSchema, PublicStandardSchema, ServiceStandardSchema, type ServiceStandard } from '@mpp/contracts';
import { draft, type Decider, type EventDraft } from '@mpp/eventstore';
import { StandardAdopted } from '../events.js';
import { isDate, text, Violations } from '../violations.js';

export interface PutStandard {
  readonly standard: ServiceStandard;
  readonly facts: { readonly serviceMall: string | undefined };
}

/** What tells two versions apart: everything but the version number. */
const sameContent = (a: ServiceStandard, b: ServiceStandard) => equals(ServiceStandardSchema, { ...a, version: 0 }, { ...b, version: 0 });

/**
 * A service's standard (Standar Pelayanan, PermenPANRB 15/2014): 14 components, the 6 public
 * ones published to citizens. Each adoption or review that changes anything is a new version.
 */
export const standard: Decider<ServiceStandard | undefined, PutStandard> = {
  initialState: () => undefined,
  evolve: (state, event) => (event.type.name === StandardAdopted.name ? (event.message as unknown as { standard: ServiceStandard }).standard : state),
  decide(command, current): EventDraft[] {
    const s = create(ServiceStandardSchema, { ...command.standard, public: create(PublicStandardSchema, command.standard.public ?? {}), internal: create(InternalStandardSchema, command.standard.internal ?? {}) });
    const v = new Violations();
    if (command.facts.serviceMall === undefined) v.add('service_id', `no service ${s.serviceId || '(empty)'}`);
    else v.require(command.facts.serviceMall === s.mallId, 'mall_id', `service ${s.serviceId} is in mall ${command.facts.serviceMall}`);
    text(v, 'decree_number', s.decreeNumber, { required: true, max: 120 });
    v.require(isDate(s.adoptedOn), 'adopted_on', 'must be a date YYYY-MM-DD');
    if (s.reviewedOn !== '') {
      v.require(isDate(s.reviewedOn), 'reviewed_on', 'must be a date YYYY-MM-DD');
      v.require(!isDate(s.adoptedOn) || s.reviewedOn >= s.adoptedOn, 'reviewed_on', 'is before the adoption');
    }
    const p = s.public!;
    v.require(p.requirements.length > 0, 'public.requirements', 'lists at least one requirement (persyaratan)');
    p.requirements.forEach((r, i) => text(v, `public.requirements[${i}]`, r, { required: true, max: 500 }));
    for (const [field, value] of [['procedure', p.procedure], ['completion_time', p.completionTime], ['fee', p.fee], ['product', p.product], ['complaint_handling', p.complaintHandling]] as const) {
      text(v, `public.${field}`, value, { required: true, max: 2000 });
    }
    v.throwIfAny('service standard refused');
    if (current && sameContent(current, s)) return [];
    return [draft(StandardAdopted, { standard: { ...s, version: (current?.version ?? 0) + 1 } })];
  },
};

/** Whether the last adoption or review is more than `months` before `today` (`YYYY-MM-DD`). */
export function reviewOverdue(s: ServiceStandard, today: string, months = 12): boolean {
  const last = s.reviewedOn || s.adoptedOn;
  if (!isDate(last) || !isDate(today)) return false;
  const [y, m, d] = last.split('-').map(Number) as [number, number, number];
  const due = new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10);
  return today > due;
}
