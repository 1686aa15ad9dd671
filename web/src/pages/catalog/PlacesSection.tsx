import { useT } from '../../app/i18n';
import { dict } from './dict';
import type { BoothWithCounters, Directory } from './types';

const byNumber = (a: { number: string }, b: { number: string }) => Number(a.number) - Number(b.number) || a.number.localeCompare(b.number);

/** `Loket 1, Loket 2` (active counters only). */
function counterList(b: BoothWithCounters): string {
  return [...b.counters]
    .filter((c) => c.active)
    .sort(byNumber)
    .map((c) => c.name || c.number)
    .join(', ');
}

/** The booths floor by floor with their agency and counters: what is where in the building. */
export function BoothsSection({ dir }: { dir: Directory }) {
  const { t } = useT(dict);
  const floors = new Map<string, BoothWithCounters[]>();
  for (const b of dir.booths.values()) {
    const floor = b.booth.floor || t('floorUnknown');
    floors.set(floor, [...(floors.get(floor) ?? []), b]);
  }
  const sorted = [...floors.entries()].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }));
  return (
    <section aria-labelledby="booths-title" class="cat-section">
      <h2 id="booths-title">{t('boothsTitle')}</h2>
      {sorted.length === 0 && <p class="muted">{t('noBooths')}</p>}
      {sorted.map(([floor, booths]) => (
        <div key={floor}>
          <h3>{floor}</h3>
          <ul class="cat-booths">
            {booths
              .map((b) => b.booth)
              .sort(byNumber)
              .map((booth) => {
                const full = dir.booths.get(booth.id)!;
                const counters = counterList(full);
                return (
                  <li key={booth.id} class={booth.active ? undefined : 'inactive'}>
                    <strong>
                      {t('boothNo', { n: booth.number })} · {booth.name}
                    </strong>
                    <br />
                    <span class="muted">{dir.agencies.get(booth.agencyCode)?.name ?? booth.agencyCode}</span>
                    {counters && (
                      <>
                        <br />
                        {counters}
                      </>
                    )}
                    {!booth.active && <p class="cat-warn">{t('boothInactive', { reason: booth.inactiveReason || t('noReasonGiven') })}</p>}
                  </li>
                );
              })}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** The agencies serving here, with their kind, booths and number of services. */
export function AgenciesSection({ dir }: { dir: Directory }) {
  const { t } = useT(dict);
  const serviceCount = new Map<string, number>();
  for (const s of dir.services.values()) serviceCount.set(s.agencyCode, (serviceCount.get(s.agencyCode) ?? 0) + 1);
  const agencies = [...dir.agencies.values()]
    .map((a) => ({ a, status: a.memberships?.find((m) => m.mallId === dir.mallId)?.status ?? 'active' }))
    .filter((x) => x.status !== 'left')
    .sort((x, y) => x.a.name.localeCompare(y.a.name));
  return (
    <section aria-labelledby="agencies-title" class="cat-section">
      <h2 id="agencies-title">{t('agenciesTitle', { n: agencies.length })}</h2>
      <ul class="tiles cat-agencies">
        {agencies.map(({ a, status }) => {
          const booths = [...dir.booths.values()].filter((b) => b.booth.agencyCode === a.code).map((b) => b.booth);
          return (
            <li key={a.code} class="card">
              <h3>{a.name}</h3>
              <p class="muted">
                {t(`kind_${a.kind}`)}
                {status === 'onboarding' && <> · {t('onboarding')}</>}
              </p>
              {booths.length > 0 && <p>{booths.sort(byNumber).map((b) => `${t('boothN', { n: b.number })} (${b.floor})`).join(', ')}</p>}
              <p>{t('servicesN', { n: serviceCount.get(a.code) ?? 0 })}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
