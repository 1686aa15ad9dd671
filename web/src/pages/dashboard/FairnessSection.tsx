import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { pick, useT } from '../../app/i18n';
import { ErrorNote, Field, Loading } from '../../app/ui';
import { dict } from './dict';
import { num } from './format';
import { localDate, mallTime } from './period';
import type { Fairness, Scope, ServiceRef } from './types';

/** The names of the services a list mentions (public reads, one per distinct service). */
function useServiceNames(ids: readonly string[]) {
  const key = [...new Set(ids)].sort().join('|');
  return useAsync(async (signal) => {
    const names = new Map<string, ServiceRef>();
    await Promise.all(
      key
        .split('|')
        .filter(Boolean)
        .map((id) =>
          api<{ service: ServiceRef }>(`/services/${encodeURIComponent(id)}`, { signal }).then(
            (r) => void names.set(id, r.service),
            () => undefined,
          ),
        ),
    );
    return names;
  }, [key]);
}

/** A day's calls made out of the policy's order, each with the officer's reason (mall-admin, auditor). */
export function FairnessSection({ scope }: { scope: Scope }) {
  const { t, lang } = useT(dict);
  const [date, setDate] = useState(() => localDate(scope.timeZone));
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const fairness = useAsync((signal) => (valid ? api<Fairness>(`/malls/${encodeURIComponent(scope.mallId)}/reports/fairness`, { signal, query: { date } }) : Promise.resolve(undefined)), [scope.mallId, date, valid]);
  const calls = fairness.data?.outOfOrder ?? [];
  const names = useServiceNames(calls.map((c) => c.serviceId));
  const serviceName = (id: string) => {
    const s = names.data?.get(id);
    return s ? pick(lang, s.nameId, s.nameEn) : id;
  };
  return (
    <section aria-labelledby="fairness-title" class="dash-section">
      <h2 id="fairness-title">{t('fairnessTitle')}</h2>
      <p class="muted">{t('fairnessIntro')}</p>
      <div class="dash-controls">
        <Field id="fairness-date" label={t('date')}>
          <input id="fairness-date" type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        </Field>
      </div>
      <ErrorNote error={fairness.error} onRetry={fairness.reload} />
      {fairness.loading && !fairness.data && <Loading />}
      {fairness.data && (
        <>
          <p>{t('fairnessSummary', { calls: num(lang, fairness.data.calls), byPolicy: num(lang, fairness.data.byPolicy), out: num(lang, calls.length) })}</p>
          {calls.length === 0 ? (
            <p class="muted">{t('fairnessNone')}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption class="sr-only">{t('fairnessTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('time')}</th>
                    <th scope="col">{t('ticket')}</th>
                    <th scope="col">{t('unit_service')}</th>
                    <th scope="col">{t('counter')}</th>
                    <th scope="col">{t('officer')}</th>
                    <th scope="col" class="num">{t('passedOver')}</th>
                    <th scope="col">{t('reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {calls.map((c) => (
                    <tr key={`${c.ticketNumber}-${c.at}`}>
                      <td>{mallTime(c.at, scope.timeZone, lang)}</td>
                      <th scope="row">{c.ticketNumber}</th>
                      <td>{serviceName(c.serviceId)}</td>
                      <td>{scope.counterNames[c.counterId] ?? c.counterId}</td>
                      <td>
                        <code>{c.officer}</code>
                      </td>
                      <td class="num">{num(lang, c.passedOver)}</td>
                      <td>
                        {c.reason || <span class="muted">{t('noReason')}</span>}
                        {c.withoutPriorityOrBooking && (
                          <>
                            {' '}
                            <span class="badge warn-badge">{t('withoutPriority')}</span>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
