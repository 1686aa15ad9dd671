import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { useT, type Dict } from '../../app/i18n';
import { ErrorNote, Loading } from '../../app/ui';
import { SaveStatus, useSave, words } from './common';
import { getMall } from './data';
import { WeekEditor, hoursDict, weekFromTexts, weekTexts, type WeekTexts } from './hours';
import { NoticeForm } from './NoticeForm';
import { PolicyForm } from './PolicyForm';
import { SpecialDays, rowsOf, specialDaysOf, type DayRow } from './SpecialDays';
import type { AdminCtx, DayHours, Mall, SpecialDay } from './types';

const dict: Dict = {
  id: {
    title: 'Jam buka dan hari libur',
    weekly: 'Jam buka mingguan',
    timeZone: 'Zona waktu mal: {tz}. Jam ditulis dalam waktu setempat.',
    checkForm: 'Periksa isian yang ditandai.',
    saveHours: 'Simpan jam buka',
  },
  en: {
    title: 'Opening hours and holidays',
    weekly: 'Weekly opening hours',
    timeZone: 'The mall’s time zone: {tz}. Hours are local time.',
    checkForm: 'Check the marked fields.',
    saveHours: 'Save opening hours',
  },
};

interface Hours {
  mallId: string;
  timeZone: string;
  weeklyHours: DayHours[];
  specialDays: SpecialDay[];
}

/** Weekly hours and special days (GET/PUT /malls/:mallId/hours), national holidays, the board notice and the queue policy. */
export function HoursTab({ ctx }: { ctx: AdminCtx }) {
  const { t } = useT(words, dict);
  const hours = useAsync((signal) => api<Hours>(`/malls/${encodeURIComponent(ctx.mallId)}/hours`, { signal }), [ctx.mallId]);
  const mall = useAsync((signal) => getMall(ctx.mallId, signal), [ctx.mallId]);
  return (
    <>
      <h2>{t('title')}</h2>
      <ErrorNote error={hours.error} onRetry={hours.reload} />
      {hours.loading && !hours.data && <Loading />}
      {hours.data && <HoursForm ctx={ctx} initial={hours.data} />}
      <ErrorNote error={mall.error} onRetry={mall.reload} />
      {mall.data && (
        <div class="grid2">
          <NoticeForm ctx={ctx} initial={mall.data.notice} />
          <PolicyForm ctx={ctx} initial={mall.data.policy} />
        </div>
      )}
    </>
  );
}

function HoursForm({ ctx, initial }: { ctx: AdminCtx; initial: Hours }) {
  const { t } = useT(words, hoursDict, dict);
  const [week, setWeek] = useState<WeekTexts>(weekTexts(initial.weeklyHours));
  const [rows, setRows] = useState<DayRow[]>(rowsOf(initial.specialDays));
  const s = useSave();
  const parsedWeek = weekFromTexts(week);
  const parsedDays = specialDaysOf(rows);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (parsedWeek.bad.length || parsedDays.bad.length) return void s.setError(new Error(t('checkForm')));
    const body = { weeklyHours: parsedWeek.hours, specialDays: parsedDays.days };
    const r = await s.save(() => api<{ mall: Mall; changed: boolean }>(`/malls/${encodeURIComponent(ctx.mallId)}/hours`, { method: 'PUT', body }));
    if (!r) return;
    setWeek(weekTexts(r.value.mall.weeklyHours));
    setRows(rowsOf(r.value.mall.specialDays ?? []));
  };

  return (
    <form class="card admin-form" onSubmit={submit} noValidate aria-label={t('title')}>
      <p class="muted">{t('timeZone', { tz: initial.timeZone })}</p>
      <WeekEditor idPrefix="hours" legend={t('weekly')} texts={week} onTexts={(w) => (setWeek(w), s.clearDone())} bad={parsedWeek.bad} error={s.error} field="weekly_hours" />
      <SpecialDays
        ctx={ctx}
        rows={rows}
        bad={parsedDays.bad}
        error={s.error}
        onRows={(r) => (setRows(r), s.clearDone())}
      />
      <ErrorNote error={s.error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={s.busy}>
          {t('saveHours')}
        </button>
      </div>
      <SaveStatus message={s.done && t(s.done)} />
    </form>
  );
}
