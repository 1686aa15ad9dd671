import { useT } from '../../app/i18n';
import { dict } from './dict';
import { hoursOn, intervalText, isOpenAt, longDate, mallNow, WEEKDAYS, weekdayHours, zoneLabel } from './time';
import type { Interval, Mall } from './types';

/** `08.00–12.00, 13.00–16.00 WITA`, `24 jam` or `Tutup`. */
export function HoursText({ intervals, zone }: { intervals: readonly Interval[]; zone: string }) {
  const { t, lang } = useT(dict);
  if (intervals.length === 0) return <>{t('closed')}</>;
  const texts = intervals.map((i) => intervalText(i, lang));
  if (texts.some((x) => x === undefined)) return <>{t('allDay')}</>;
  return <>{`${texts.join(', ')} ${zone}`}</>;
}

/** Opening hours today and over the week, and the coming holidays and special days. */
export function HoursSection({ mall }: { mall: Mall }) {
  const { t, lang } = useT(dict);
  const tz = mall.timeZone ?? '';
  const zone = zoneLabel(tz);
  const now = mallNow(tz);
  const today = hoursOn(mall, now.date, now.weekday);
  const open = isOpenAt(today.intervals, now.time);
  const upcoming = [...(mall.specialDays ?? [])].filter((d) => d.date >= now.date).sort((a, b) => a.date.localeCompare(b.date));
  return (
    <section aria-labelledby="hours-title" class="cat-section">
      <h2 id="hours-title">{t('hoursTitle')}</h2>
      <p class="cat-today">
        <span class={`badge ${open ? 'open' : 'closed-now'}`}>{open ? t('openNow') : t('closedNow')}</span>{' '}
        <strong>{t('todayIs', { date: longDate(now.date, lang) })}</strong> <HoursText intervals={today.intervals} zone={zone} />
        {today.special && ` — ${today.special.name}`}
      </p>
      <div class="table-wrap">
        <table class="cat-week">
          <caption>{t('weekCaption', { zone })}</caption>
          <tbody>
            {WEEKDAYS.map((d) => (
              <tr key={d} class={d === now.weekday ? 'today' : undefined} aria-current={d === now.weekday ? 'date' : undefined}>
                <th scope="row">{t(`day_${d}`)}</th>
                <td>
                  <HoursText intervals={weekdayHours(mall.weeklyHours, d)} zone={zone} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('specialDays')}</h3>
      {upcoming.length === 0 ? (
        <p class="muted">{t('noSpecialDays')}</p>
      ) : (
        <ul class="cat-special">
          {upcoming.map((d) => (
            <li key={d.date}>
              <strong>{longDate(d.date, lang)}</strong>: {d.name || t(`special_${d.kind}`)} —{' '}
              {d.kind === 'holiday' ? t('closedHoliday') : <HoursText intervals={d.intervals ?? []} zone={zone} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
