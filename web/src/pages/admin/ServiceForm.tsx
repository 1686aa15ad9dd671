import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { pick, useT, type Dict } from '../../app/i18n';
import { ErrorNote } from '../../app/ui';
import { CheckField, CheckGroup, NumberField, SaveStatus, SelectField, TextField, adminHref, carryDone, errorFor, go, useSave, without, words } from './common';
import { byNumber } from './data';
import { WeekEditor, hoursDict, weekFromTexts, weekTexts, type WeekTexts } from './hours';
import { CHANNELS, type AdminCtx, type Agency, type Booth, type PriorityGroup, type Queue, type Service } from './types';

export const serviceDict: Dict = {
  id: {
    'channel.langsung': 'Langsung (tatap muka di gerai)',
    'channel.mandiri': 'Mandiri (anjungan swalayan)',
    'channel.digital': 'Digital (daring)',
    'channel.bergerak': 'Bergerak (layanan keliling)',
    'channel.langsung.short': 'langsung',
    'channel.mandiri.short': 'mandiri',
    'channel.digital.short': 'digital',
    'channel.bergerak.short': 'bergerak',
    'serviceStatus.active': 'Aktif',
    'serviceStatus.retired': 'Dihentikan',
    serviceCodeHint: 'Huruf kecil dan tanda hubung; pengenalnya {mall}:<kode>.',
    nameId: 'Nama (Bahasa Indonesia)',
    nameEn: 'Nama (Bahasa Inggris)',
    queueId: 'Antrian',
    boothIds: 'Gerai yang melayani',
    boothIdsHint: 'Gerai instansi ini (dan yang sudah dipilih).',
    channels: 'Kanal pelayanan',
    expectedHandlingMinutes: 'Waktu layanan di loket (menit)',
    dailyQuota: 'Kuota harian (tiket)',
    dailyQuotaHint: '0 = tanpa kuota.',
    priorityGroups: 'Kelompok prioritas yang dilayani lebih dulu',
    opensApplication: 'Membuka permohonan yang dilacak beberapa hari',
    completionDays: 'Hari kerja sampai permohonan selesai',
    completionDaysHint: 'Bila membuka permohonan.',
    serviceStatus: 'Status layanan',
    retiredHint: 'Layanan yang dihentikan tidak menerima tiket baru; datanya tetap untuk laporan.',
    ownHours: 'Jam layanan sendiri',
    ownHoursHint: 'Di dalam jam mal. Kosongkan semua hari untuk mengikuti jam mal. Contoh: 08:00-12:00 13:00-15:00.',
    checkHours: 'Periksa jam layanan: tulis rentang sebagai JJ:MM-JJ:MM.',
  },
  en: {
    'channel.langsung': 'In person (at a booth)',
    'channel.mandiri': 'Self-service (kiosk)',
    'channel.digital': 'Digital (online)',
    'channel.bergerak': 'Mobile unit',
    'channel.langsung.short': 'in person',
    'channel.mandiri.short': 'self-service',
    'channel.digital.short': 'online',
    'channel.bergerak.short': 'mobile',
    'serviceStatus.active': 'Active',
    'serviceStatus.retired': 'Retired',
    serviceCodeHint: 'Lower case and hyphens; its id is {mall}:<code>.',
    nameId: 'Name (Indonesian)',
    nameEn: 'Name (English)',
    queueId: 'Queue',
    boothIds: 'Booths that serve it',
    boothIdsHint: 'This agency’s booths (and those already chosen).',
    channels: 'Channels',
    expectedHandlingMinutes: 'Time at the counter (minutes)',
    dailyQuota: 'Daily quota (tickets)',
    dailyQuotaHint: '0 = no quota.',
    priorityGroups: 'Priority groups served first',
    opensApplication: 'Opens an application tracked over several days',
    completionDays: 'Working days until the application is done',
    completionDaysHint: 'When it opens an application.',
    serviceStatus: 'Service status',
    retiredHint: 'A retired service takes no new tickets; its record stays for reports.',
    ownHours: 'Its own hours',
    ownHoursHint: 'Within the mall’s hours. Leave every day empty to follow the mall’s hours. E.g. 08:00-12:00 13:00-15:00.',
    checkHours: 'Check the service hours: write spans as HH:MM-HH:MM.',
  },
};

export interface ServiceRefs {
  readonly agencies: readonly Agency[];
  readonly booths: readonly Booth[];
  readonly queues: readonly Queue[];
  readonly groups: readonly PriorityGroup[];
}

export const blankService = (mallId: string, agencyCode: string): Service => ({
  id: '',
  mallId,
  code: '',
  nameId: '',
  nameEn: '',
  agencyCode,
  queueId: '',
  boothIds: [],
  channels: ['langsung'],
  expectedHandlingMinutes: 10,
  dailyQuota: 0,
  priorityGroups: [],
  opensApplication: false,
  completionDays: 0,
  status: 'active',
  hours: [],
});

/** The service record: PUT /malls/:mallId/services/:serviceId with every field (id and mall from the path). */
export function ServiceForm({ ctx, record, refs, onSaved }: { ctx: AdminCtx; record: Service; refs: ServiceRefs; onSaved: (s: Service) => void }) {
  const { t, lang } = useT(words, hoursDict, serviceDict);
  const isNew = !record.id;
  const [draft, setDraft] = useState<Service>(record);
  const [hours, setHours] = useState<WeekTexts>(weekTexts(record.hours));
  const s = useSave();
  const set = (patch: Partial<Service>) => (setDraft({ ...draft, ...patch }), s.clearDone());
  const err = (f: string) => errorFor(s.error, f);
  const week = weekFromTexts(hours);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (week.bad.length) return void s.setError(new Error(t('checkHours')));
    const code = draft.code.trim();
    const id = isNew ? `${ctx.mallId}:${code}` : record.id;
    const body = without({ ...draft, code, hours: week.hours }, ['id', 'mallId']);
    const r = await s.save(() => api<{ service: Service; changed: boolean }>(`/malls/${encodeURIComponent(ctx.mallId)}/services/${encodeURIComponent(id)}`, { method: 'PUT', body }));
    if (!r) return;
    setDraft(r.value.service);
    setHours(weekTexts(r.value.service.hours));
    onSaved(r.value.service);
    if (isNew) {
      carryDone('saved');
      go({ tab: 'services', service: r.value.service.id }, true);
    }
  };

  const booths = refs.booths.filter((b) => b.agencyCode === draft.agencyCode || draft.boothIds.includes(b.id)).sort((a, b) => byNumber(a.number, b.number));
  const queues = refs.queues.filter((q) => q.active || q.id === draft.queueId);
  return (
    <form class="admin-form" onSubmit={submit} noValidate>
      <div class="grid2">
        <TextField id="service-code" label={t('code')} value={draft.code} onValue={(code) => set({ code })} readOnly={!isNew} required hint={isNew ? t('serviceCodeHint', { mall: ctx.mallId }) : t('fixedId')} error={err('code') ?? err('id')} />
        <SelectField
          id="service-agencyCode"
          label={t('agency')}
          value={draft.agencyCode}
          disabled={!ctx.isMallAdmin}
          onValue={(agencyCode) => set({ agencyCode })}
          options={refs.agencies.map((a) => [a.code, a.name] as const)}
          error={err('agencyCode')}
        />
        <TextField id="service-nameId" label={t('nameId')} value={draft.nameId} onValue={(nameId) => set({ nameId })} required error={err('nameId')} />
        <TextField id="service-nameEn" label={t('nameEn')} value={draft.nameEn} onValue={(nameEn) => set({ nameEn })} error={err('nameEn')} />
        <SelectField id="service-queueId" label={t('queueId')} value={draft.queueId} onValue={(queueId) => set({ queueId })} options={queues.map((q) => [q.id, `${q.prefix} — ${q.name}`] as const)} error={err('queueId')} />
        <SelectField
          id="service-status"
          label={t('serviceStatus')}
          hint={t('retiredHint')}
          value={draft.status}
          onValue={(status) => set({ status: status as Service['status'] })}
          options={(['active', 'retired'] as const).map((v) => [v, t(`serviceStatus.${v}`)] as const)}
          error={err('status')}
        />
        <NumberField id="service-expectedHandlingMinutes" label={t('expectedHandlingMinutes')} value={draft.expectedHandlingMinutes} onValue={(expectedHandlingMinutes) => set({ expectedHandlingMinutes })} min={1} max={480} error={err('expectedHandlingMinutes')} />
        <NumberField id="service-dailyQuota" label={t('dailyQuota')} hint={t('dailyQuotaHint')} value={draft.dailyQuota} onValue={(dailyQuota) => set({ dailyQuota })} error={err('dailyQuota')} />
      </div>
      <CheckGroup id="service-channels" label={t('channels')} values={draft.channels} onValues={(v) => set({ channels: CHANNELS.filter((c) => v.includes(c)) })} options={CHANNELS.map((c) => [c, t(`channel.${c}`)] as const)} error={err('channels')} />
      <CheckGroup id="service-boothIds" label={t('boothIds')} hint={t('boothIdsHint')} columns values={draft.boothIds} onValues={(boothIds) => set({ boothIds })} options={booths.map((b) => [b.id, `${b.number} — ${b.name}${b.floor ? ` (${b.floor})` : ''}`] as const)} error={err('boothIds')} />
      <CheckGroup
        id="service-priorityGroups"
        label={t('priorityGroups')}
        values={draft.priorityGroups}
        onValues={(priorityGroups) => set({ priorityGroups })}
        options={refs.groups.map((g) => [g.code, pick(lang, g.labelId, g.labelEn)] as const)}
        error={err('priorityGroups')}
      />
      <div class="grid2">
        <CheckField id="service-opensApplication" label={t('opensApplication')} checked={draft.opensApplication} onValue={(opensApplication) => set({ opensApplication })} error={err('opensApplication')} />
        <NumberField id="service-completionDays" label={t('completionDays')} hint={t('completionDaysHint')} value={draft.completionDays} onValue={(completionDays) => set({ completionDays })} error={err('completionDays')} />
      </div>
      <WeekEditor
        idPrefix="service-hours"
        legend={t('ownHours')}
        hint={t('ownHoursHint')}
        texts={hours}
        onTexts={(h) => (setHours(h), s.clearDone())}
        bad={week.bad}
        error={s.error}
        field="hours"
      />
      <ErrorNote error={s.error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={s.busy}>
          {t('save')}
        </button>
        <a href={adminHref({ tab: 'services' })}>{t('cancel')}</a>
      </div>
      <SaveStatus message={s.done && t(s.done)} />
    </form>
  );
}
