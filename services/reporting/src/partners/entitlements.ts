/**
 * What a partner agency receives (DESIGN.md §5). By default: its services' ticket lifecycle,
 * changes to its services and booths, survey results for its services, complaints about its
 * services. Anything more is an explicit grant in the deployment's configuration
 * (`PARTNER_GRANTS`). An event belongs to the agency named in its metadata; events of no agency
 * (a mall's hours, its notice) go to nobody.
 */
export const ENTITLEMENTS = {
  tickets: ['TicketIssued', 'TicketCalled', 'TicketRecalled', 'ServingStarted', 'TicketCompleted', 'TicketNoShow', 'TicketTransferred', 'TicketCancelled'].map((n) => `id.mpp.queue.${n}.v1`),
  catalog: ['AgencyRegistered', 'AgencyChanged', 'BoothRegistered', 'BoothChanged', 'CounterRegistered', 'CounterChanged', 'ServiceRegistered', 'ServiceChanged', 'StandardAdopted'].map((n) => `id.mpp.catalog.${n}.v1`),
  survey: ['id.mpp.survey.ResponseSubmitted.v1'],
  complaints: ['ComplaintReceived', 'ComplaintResponded', 'ComplaintResolved', 'ComplaintForwarded', 'ComplaintOverdue', 'ComplaintSentToLapor'].map((n) => `id.mpp.survey.${n}.v1`),
  // Explicit grants only.
  applications: ['id.mpp.queue.ApplicationOpened.v1', 'id.mpp.queue.ApplicationStatusChanged.v1'],
  bookings: ['BookingMade', 'BookingCancelled', 'BookingCheckedIn', 'BookingNoShow'].map((n) => `id.mpp.queue.${n}.v1`),
  counters: ['CounterOpened', 'CounterPaused', 'CounterClosed'].map((n) => `id.mpp.queue.${n}.v1`),
  roster: ['id.mpp.catalog.OfficerRegistered.v1', 'id.mpp.catalog.OfficerChanged.v1'],
} as const satisfies Record<string, readonly string[]>;

export type Entitlement = keyof typeof ENTITLEMENTS;

/** What every partner agency receives without a grant. */
export const DEFAULT_ENTITLEMENTS: readonly Entitlement[] = ['tickets', 'catalog', 'survey', 'complaints'];

const ENTITLEMENT_OF = new Map<string, Entitlement>(
  (Object.entries(ENTITLEMENTS) as [Entitlement, readonly string[]][]).flatMap(([name, types]) => types.map((t) => [t, name] as const)),
);

/** The entitlement an event type falls under, if any partner may ever receive it. */
export const entitlementOf = (eventType: string): Entitlement | undefined => ENTITLEMENT_OF.get(eventType);

/** Extra entitlements per agency code. */
export type Grants = ReadonlyMap<string, ReadonlySet<Entitlement>>;

/**
 * Reads `PARTNER_GRANTS`: `<agency-code>=<entitlement>+<entitlement>;…`, e.g.
 * `bpjs-kesehatan=applications+bookings;polri=counters`.
 */
export function parseGrants(raw: string): Grants {
  const grants = new Map<string, Set<Entitlement>>();
  for (const part of raw.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [code, list, extra] = part.split('=').map((s) => s.trim());
    if (!code || !list || extra !== undefined) throw new Error(`"${part}" is not <agency-code>=<entitlement>+…`);
    const set = grants.get(code) ?? new Set<Entitlement>();
    for (const name of list.split('+').map((s) => s.trim())) {
      if (!(name in ENTITLEMENTS)) throw new Error(`unknown entitlement "${name}" for ${code}; known: ${Object.keys(ENTITLEMENTS).join(', ')}`);
      set.add(name as Entitlement);
    }
    grants.set(code, set);
  }
  return grants;
}

/** Does the agency receive events of this type? */
export function isEntitled(agencyCode: string, eventType: string, grants: Grants): boolean {
  const entitlement = entitlementOf(eventType);
  if (!entitlement || agencyCode === '') return false;
  return DEFAULT_ENTITLEMENTS.includes(entitlement) || (grants.get(agencyCode)?.has(entitlement) ?? false);
}
