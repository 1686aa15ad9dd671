import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { pick, useT } from '../../app/i18n';
import { ErrorNote, Loading } from '../../app/ui';
import { dict } from './dict';
import { HoursText } from './HoursSection';
import { longDate, WEEKDAYS, weekdayHours, zoneLabel } from './time';
import type { Directory, PublicStandard, Service, ServiceDetail } from './types';

/** Numbered steps (`1. … 2. …`) as a list, when the text is written that way; undefined otherwise. */
export function stepsOf(text: string): string[] | undefined {
  const parts = text.trim().split(/\s*(?=\b\d{1,2}[.)]\s)/).filter(Boolean);
  if (parts.length < 2) return undefined;
  const steps: string[] = [];
  for (const [i, p] of parts.entries()) {
    const m = /^(\d{1,2})[.)]\s+([\s\S]*)$/.exec(p);
    if (!m || Number(m[1]) !== i + 1) return undefined;
    steps.push(m[2]!.trim());
  }
  return steps;
}

/** One service in a list: its name, agency and channels; the published standard when opened. */
export function ServiceItem({ service, dir, agencyName }: { service: Service; dir: Directory; agencyName?: string | undefined }) {
  const { t, lang } = useT(dict);
  const [seen, setSeen] = useState(false);
  return (
    <li class="cat-service">
      <details onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && setSeen(true)}>
        <summary>
          <span class="cat-service-name">{pick(lang, service.nameId, service.nameEn)}</span>
          {agencyName && <span class="muted"> — {agencyName}</span>}
          {service.channels && service.channels.length > 0 && (
            <span class="cat-channels">
              {service.channels.map((c) => (
                <span key={c} class="badge">
                  {t(`ch_${c}`)}
                </span>
              ))}
            </span>
          )}
        </summary>
        {seen && <ServiceBody service={service} dir={dir} />}
      </details>
    </li>
  );
}

function ServiceBody({ service, dir }: { service: Service; dir: Directory }) {
  const { t, lang } = useT(dict);
  const detail = useAsync((signal) => api<ServiceDetail>(`/services/${encodeURIComponent(service.id)}`, { signal }), [service.id]);
  const booths = (service.boothIds ?? []).map((id) => dir.booths.get(id)?.booth).filter((b) => b !== undefined);
  const zone = zoneLabel(dir.timeZone);
  return (
    <div class="cat-service-body">
      <ul class="cat-facts">
        {booths.length > 0 && <li>{t('where', { list: booths.map((b) => t('boothWhere', { name: b.name, n: b.number, floor: b.floor })).join('; ') })}</li>}
        {!!service.expectedHandlingMinutes && <li>{t('handling', { n: service.expectedHandlingMinutes })}</li>}
        {!!service.dailyQuota && <li>{t('quota', { n: service.dailyQuota })}</li>}
        {service.opensApplication && <li>{t('application', { n: service.completionDays ?? 0 })}</li>}
      </ul>
      {service.hours && service.hours.length > 0 && (
        <p>
          {t('ownHours')}{' '}
          {WEEKDAYS.filter((d) => weekdayHours(service.hours, d).length > 0).map((d, i) => (
            <span key={d}>
              {i > 0 && '; '}
              {t(`day_${d}`)} <HoursText intervals={weekdayHours(service.hours, d)} zone={zone} />
            </span>
          ))}
        </p>
      )}
      <ErrorNote error={detail.error} onRetry={detail.reload} />
      {detail.loading && !detail.data && <Loading />}
      {detail.data && !detail.data.standard?.public && <p class="muted">{t('noStandard')}</p>}
      {detail.data?.standard?.public && (
        <>
          <h4 class="cat-std-title">{t('standardTitle')}</h4>
          {lang === 'en' && <p class="muted small">{t('standardInIndonesian')}</p>}
          <StandardView std={detail.data.standard.public} mallId={dir.mallId} />
          <p class="muted small">
            {t('standardMeta', {
              version: detail.data.standard.version,
              decree: detail.data.standard.decreeNumber || '–',
              adopted: detail.data.standard.adoptedOn ? longDate(detail.data.standard.adoptedOn, lang, false) : '–',
            })}
            {detail.data.standard.reviewedOn && ` ${t('reviewedOn', { date: longDate(detail.data.standard.reviewedOn, lang, false) })}`}
          </p>
        </>
      )}
    </div>
  );
}

/** The six published components (PermenPANRB 15/2014); a component left empty is said so, never filled in. */
function StandardView({ std, mallId }: { std: PublicStandard; mallId: string }) {
  const { t } = useT(dict);
  const steps = std.procedure ? stepsOf(std.procedure) : undefined;
  const missing = <span class="muted">{t('notStated')}</span>;
  return (
    <dl class="cat-standard">
      <dt>{t('std_requirements')}</dt>
      <dd>
        {std.requirements && std.requirements.length > 0 ? (
          <ul>
            {std.requirements.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        ) : (
          missing
        )}
      </dd>
      <dt>{t('std_procedure')}</dt>
      <dd>
        {steps ? (
          <ol>
            {steps.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        ) : (
          std.procedure || missing
        )}
      </dd>
      <dt>{t('std_completionTime')}</dt>
      <dd>{std.completionTime || missing}</dd>
      <dt>{t('std_fee')}</dt>
      <dd>{std.fee || missing}</dd>
      <dt>{t('std_product')}</dt>
      <dd>{std.product || missing}</dd>
      <dt>{t('std_complaintHandling')}</dt>
      <dd>
        {std.complaintHandling || missing}
        <br />
        <a href={`/m/${encodeURIComponent(mallId)}/complaint`}>{t('fileComplaint')}</a>
      </dd>
    </dl>
  );
}
