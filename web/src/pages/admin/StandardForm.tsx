import { useState } from 'preact/hooks';
import { api, ApiError } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { useT, type Dict } from '../../app/i18n';
import { ErrorNote, Loading } from '../../app/ui';
import { SaveStatus, TextField, errorFor, formatDay, useSave, without, words } from './common';
import type { AdminCtx, InternalStandard, PublicStandard, ServiceStandard } from './types';

const dict: Dict = {
  id: {
    decree: 'Penetapan',
    decreeNumber: 'Nomor keputusan penetapan',
    adoptedOn: 'Tanggal penetapan',
    reviewedOn: 'Tanggal peninjauan terakhir',
    publicPart: 'Komponen yang dipublikasikan kepada masyarakat (6)',
    internalPart: 'Komponen internal (8)',
    requirements: 'Persyaratan',
    requirementsHint: 'Satu persyaratan per baris.',
    procedure: 'Sistem, mekanisme dan prosedur',
    completionTime: 'Jangka waktu penyelesaian',
    fee: 'Biaya/tarif',
    feeHint: 'Tulis "Gratis" bila tanpa biaya.',
    product: 'Produk pelayanan',
    complaintHandling: 'Penanganan pengaduan, saran dan masukan',
    legalBasis: 'Dasar hukum',
    facilities: 'Sarana, prasarana dan/atau fasilitas',
    staffCompetence: 'Kompetensi pelaksana',
    internalSupervision: 'Pengawasan internal',
    staffCount: 'Jumlah pelaksana',
    serviceGuarantee: 'Jaminan pelayanan',
    securityAndSafety: 'Jaminan keamanan dan keselamatan pelayanan',
    performanceEvaluation: 'Evaluasi kinerja pelaksana',
    version: 'Versi {n}',
    noStandard: 'Layanan ini belum memiliki standar pelayanan. Isi formulir untuk menetapkannya.',
    overdue: 'Peninjauan standar ini sudah lewat waktu.',
    savedVersion: 'Versi {n}.',
    standardHint: 'Setiap perubahan isi menjadi versi baru (PermenPANRB 15/2014: 14 komponen).',
  },
  en: {
    decree: 'Adoption',
    decreeNumber: 'Decree number',
    adoptedOn: 'Adopted on',
    reviewedOn: 'Last reviewed on',
    publicPart: 'Components published to citizens (6)',
    internalPart: 'Internal components (8)',
    requirements: 'Requirements',
    requirementsHint: 'One requirement per line.',
    procedure: 'System, mechanism and procedure',
    completionTime: 'Completion time',
    fee: 'Fee/tariff',
    feeHint: 'Write "Gratis" when it is free.',
    product: 'Service product',
    complaintHandling: 'Complaints, suggestions and feedback',
    legalBasis: 'Legal basis',
    facilities: 'Facilities and infrastructure',
    staffCompetence: 'Staff competence',
    internalSupervision: 'Internal supervision',
    staffCount: 'Number of staff',
    serviceGuarantee: 'Service guarantee',
    securityAndSafety: 'Security and safety',
    performanceEvaluation: 'Staff performance evaluation',
    version: 'Version {n}',
    noStandard: 'This service has no standard yet. Fill in the form to adopt one.',
    overdue: 'This standard is overdue for review.',
    savedVersion: 'Version {n}.',
    standardHint: 'Each change of content becomes a new version (PermenPANRB 15/2014: 14 components).',
  },
};

const PUBLIC_TEXTS: readonly (keyof Omit<PublicStandard, 'requirements'>)[] = ['procedure', 'completionTime', 'fee', 'product', 'complaintHandling'];
const INTERNAL: readonly (keyof InternalStandard)[] = ['legalBasis', 'facilities', 'staffCompetence', 'internalSupervision', 'staffCount', 'serviceGuarantee', 'securityAndSafety', 'performanceEvaluation'];
const LONG = new Set(['procedure', 'complaintHandling', 'legalBasis', 'facilities', 'staffCompetence', 'internalSupervision', 'serviceGuarantee', 'securityAndSafety', 'performanceEvaluation']);

const blank = (serviceId: string, mallId: string): ServiceStandard => ({
  serviceId,
  mallId,
  version: 0,
  decreeNumber: '',
  adoptedOn: '',
  reviewedOn: '',
  public: { requirements: [], procedure: '', completionTime: '', fee: '', product: '', complaintHandling: '' },
  internal: { legalBasis: '', facilities: '', staffCompetence: '', internalSupervision: '', staffCount: '', serviceGuarantee: '', securityAndSafety: '', performanceEvaluation: '' },
});

/** The standar pelayanan (all 14 components): GET /services/:id/standard, PUT /malls/:mallId/services/:id/standard. */
export function StandardForm({ ctx, serviceId }: { ctx: AdminCtx; serviceId: string }) {
  const current = useAsync(
    (signal) =>
      api<{ standard: ServiceStandard; reviewOverdue: boolean }>(`/services/${encodeURIComponent(serviceId)}/standard`, { signal }).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return undefined;
        throw e;
      }),
    [serviceId],
  );
  if (current.error && !current.data) return <ErrorNote error={current.error} onRetry={current.reload} />;
  if (current.loading && !current.data) return <Loading />;
  return <StandardFields ctx={ctx} serviceId={serviceId} initial={current.data?.standard} overdue={!!current.data?.reviewOverdue} />;
}

function StandardFields({ ctx, serviceId, initial, overdue }: { ctx: AdminCtx; serviceId: string; initial: ServiceStandard | undefined; overdue: boolean }) {
  const { t, lang } = useT(words, dict);
  const [draft, setDraft] = useState<ServiceStandard>(initial ?? blank(serviceId, ctx.mallId));
  const [requirements, setRequirements] = useState((initial?.public.requirements ?? []).join('\n'));
  const s = useSave();
  const set = (patch: Partial<ServiceStandard>) => (setDraft({ ...draft, ...patch }), s.clearDone());
  const setPublic = (patch: Partial<PublicStandard>) => set({ public: { ...draft.public, ...patch } });
  const setInternal = (patch: Partial<InternalStandard>) => set({ internal: { ...draft.internal, ...patch } });
  const err = (f: string) => errorFor(s.error, f);

  const submit = async (e: Event) => {
    e.preventDefault();
    const reqs = requirements
      .split('\n')
      .map((r) => r.trim())
      .filter(Boolean);
    const body = without({ ...draft, public: { ...draft.public, requirements: reqs } }, ['serviceId', 'mallId']);
    const r = await s.save(() => api<{ standard: ServiceStandard; changed: boolean }>(`/malls/${encodeURIComponent(ctx.mallId)}/services/${encodeURIComponent(serviceId)}/standard`, { method: 'PUT', body }));
    if (!r) return;
    setDraft(r.value.standard);
    setRequirements(r.value.standard.public.requirements.join('\n'));
  };

  return (
    <form class="admin-form" onSubmit={submit} noValidate>
      <p class="muted">{t('standardHint')}</p>
      {initial ? (
        <p>
          <span class="badge">{t('version', { n: draft.version })}</span> {draft.adoptedOn && formatDay(draft.adoptedOn, lang)}
          {overdue && <strong class="field-error"> {t('overdue')}</strong>}
        </p>
      ) : (
        <p class="muted">{t('noStandard')}</p>
      )}
      <fieldset>
        <legend>{t('decree')}</legend>
        <div class="grid3">
          <TextField id="standard-decreeNumber" label={t('decreeNumber')} value={draft.decreeNumber} onValue={(decreeNumber) => set({ decreeNumber })} required error={err('decreeNumber')} />
          <TextField id="standard-adoptedOn" type="date" label={t('adoptedOn')} value={draft.adoptedOn} onValue={(adoptedOn) => set({ adoptedOn })} required error={err('adoptedOn')} />
          <TextField id="standard-reviewedOn" type="date" label={t('reviewedOn')} value={draft.reviewedOn} onValue={(reviewedOn) => set({ reviewedOn })} error={err('reviewedOn')} />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('publicPart')}</legend>
        <TextField
          id="standard-requirements"
          multiline
          rows={4}
          label={t('requirements')}
          hint={t('requirementsHint')}
          value={requirements}
          onValue={(v) => (setRequirements(v), s.clearDone())}
          required
          error={err('public.requirements')}
        />
        {PUBLIC_TEXTS.map((k) => (
          <TextField
            key={k}
            id={`standard-${k}`}
            multiline={LONG.has(k)}
            label={t(k)}
            hint={k === 'fee' ? t('feeHint') : undefined}
            value={draft.public[k]}
            onValue={(v) => setPublic({ [k]: v })}
            required
            error={err(`public.${k}`)}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('internalPart')}</legend>
        {INTERNAL.map((k) => (
          <TextField key={k} id={`standard-${k}`} multiline={LONG.has(k)} label={t(k)} value={draft.internal[k]} onValue={(v) => setInternal({ [k]: v })} error={err(`internal.${k}`)} />
        ))}
      </fieldset>
      <ErrorNote error={s.error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={s.busy}>
          {t('save')}
        </button>
      </div>
      <SaveStatus message={s.done && `${t(s.done)} ${t('savedVersion', { n: draft.version })}`} />
    </form>
  );
}
