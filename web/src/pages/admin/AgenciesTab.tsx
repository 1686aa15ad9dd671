import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { useT, type Dict } from '../../app/i18n';
import { ErrorNote, Loading } from '../../app/ui';
import { FocusHeading, carryDone, formatDay, SaveStatus, SelectField, TextField, adminHref, errorFor, go, useSave, without, words } from './common';
import { getAgencies } from './data';
import type { AdminCtx, Agency, AgencyKind, Membership, MembershipStatus } from './types';

const dict: Dict = {
  id: {
    title: 'Instansi',
    newAgency: 'Tambah instansi',
    newTitle: 'Instansi baru',
    kind: 'Jenis instansi',
    membership: 'Keanggotaan di mal ini',
    pksEnds: 'PKS berakhir',
    mou: 'MoU ditandatangani',
    codeHint: 'Huruf kecil dan tanda hubung, unik di seluruh platform (mis. disdukcapil-kendari).',
    'kind.vertical': 'Instansi vertikal',
    'kind.opd': 'Perangkat daerah (OPD)',
    'kind.bumn': 'BUMN',
    'kind.bumd': 'BUMD',
    'kind.private': 'Swasta',
    'status.onboarding': 'Persiapan (MoU)',
    'status.active': 'Aktif melayani',
    'status.left': 'Keluar',
    mouSignedOn: 'Tanggal MoU',
    pksSignedOn: 'Tanggal PKS (perjanjian kerja sama)',
    pksEndsOn: 'PKS berlaku sampai',
    leftReason: 'Alasan keluar',
    leftReasonHint: 'Diisi bila status "Keluar".',
    notMember: 'Belum terdaftar di mal ini',
  },
  en: {
    title: 'Agencies',
    newAgency: 'Add an agency',
    newTitle: 'New agency',
    kind: 'Kind of agency',
    membership: 'Membership of this mall',
    pksEnds: 'Agreement ends',
    mou: 'MoU signed',
    codeHint: 'Lower case and hyphens, unique on the platform (e.g. disdukcapil-kendari).',
    'kind.vertical': 'Central government office',
    'kind.opd': 'City office (OPD)',
    'kind.bumn': 'State-owned company (BUMN)',
    'kind.bumd': 'Region-owned company (BUMD)',
    'kind.private': 'Private',
    'status.onboarding': 'Onboarding (MoU)',
    'status.active': 'Serving',
    'status.left': 'Left',
    mouSignedOn: 'MoU date',
    pksSignedOn: 'Cooperation agreement (PKS) date',
    pksEndsOn: 'Agreement valid until',
    leftReason: 'Why it left',
    leftReasonHint: 'When the status is "Left".',
    notMember: 'Not registered in this mall yet',
  },
};

const KINDS: readonly AgencyKind[] = ['vertical', 'opd', 'bumn', 'bumd', 'private'];
const STATUSES: readonly MembershipStatus[] = ['onboarding', 'active', 'left'];

const membershipOf = (a: Agency | undefined, mallId: string): Membership =>
  a?.memberships.find((m) => m.mallId === mallId) ?? { mallId, status: 'onboarding', mouSignedOn: '', pksSignedOn: '', pksEndsOn: '', leftReason: '' };

/** Agencies (instansi) of the mall and their membership: list, edit, create (`?edit=<code>|new`). */
export function AgenciesTab({ ctx }: { ctx: AdminCtx }) {
  const { t, lang } = useT(words, dict);
  const list = useAsync((signal) => getAgencies(ctx.mallId, signal), [ctx.mallId]);
  const edit = ctx.query.get('edit');
  const mayEdit = (code: string) => ctx.isMallAdmin || code === ctx.agency;

  if (edit !== null) {
    if (!list.data) return list.error ? <ErrorNote error={list.error} onRetry={list.reload} /> : <Loading />;
    const record = edit === 'new' ? undefined : list.data.find((a) => a.code === edit);
    if (edit !== 'new' && !record && list.loading) return <Loading />;
    if ((edit !== 'new' && !record) || !mayEdit(edit) || (edit === 'new' && !ctx.isMallAdmin)) return <NotFound id={edit} />;
    return <AgencyForm key={edit} ctx={ctx} record={record} onSaved={list.reload} />;
  }
  return (
    <>
      <h2>{t('title')}</h2>
      {ctx.isMallAdmin && (
        <p>
          <a class="button" href={adminHref({ tab: 'agencies', edit: 'new' })}>
            {t('newAgency')}
          </a>
        </p>
      )}
      <ErrorNote error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('code')}</th>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('pksEnds')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((a) => {
                const m = a.memberships.find((x) => x.mallId === ctx.mallId);
                return (
                  <tr key={a.code}>
                    <td>
                      <code>{a.code}</code>
                    </td>
                    <td>{a.name}</td>
                    <td>{t(`kind.${a.kind}`)}</td>
                    <td>{m ? <span class={`badge ${m.status === 'active' ? 'open' : 'paused'}`}>{t(`status.${m.status}`)}</span> : t('notMember')}</td>
                    <td>{m?.pksEndsOn ? formatDay(m.pksEndsOn, lang) : t('none')}</td>
                    <td class="actions">
                      {mayEdit(a.code) && (
                        <a href={adminHref({ tab: 'agencies', edit: a.code })} aria-label={t('editNamed', { name: a.name })}>
                          {t('edit')}
                        </a>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function NotFound({ id }: { id: string }) {
  const { t } = useT(words);
  return (
    <>
      <p class="error">{t('notFoundRecord', { id })}</p>
      <a href={adminHref({ tab: 'agencies' })}>{t('backToList')}</a>
    </>
  );
}

function AgencyForm({ ctx, record, onSaved }: { ctx: AdminCtx; record: Agency | undefined; onSaved: () => void }) {
  const { t } = useT(words, dict);
  const [code, setCode] = useState(record?.code ?? '');
  const [agency, setAgency] = useState({ name: record?.name ?? '', kind: record?.kind ?? ('opd' as AgencyKind) });
  const [membership, setMembership] = useState<Membership>(membershipOf(record, ctx.mallId));
  const s = useSave();
  const setA = (patch: Partial<typeof agency>) => (setAgency({ ...agency, ...patch }), s.clearDone());
  const setM = (patch: Partial<Membership>) => (setMembership({ ...membership, ...patch }), s.clearDone());
  const err = (f: string) => errorFor(s.error, f);

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = { agency, membership: without(membership, ['mallId']) };
    const r = await s.save(() => api<{ agency: Agency; changed: boolean }>(`/malls/${encodeURIComponent(ctx.mallId)}/agencies/${encodeURIComponent(code.trim())}`, { method: 'PUT', body }));
    if (!r) return;
    onSaved();
    if (!record) {
      carryDone('saved');
      go({ tab: 'agencies', edit: r.value.agency.code }, true);
    }
  };

  return (
    <form class="admin-form" onSubmit={submit} noValidate>
      <FocusHeading>{record ? t('editNamed', { name: record.name }) : t('newTitle')}</FocusHeading>
      <p>
        <a href={adminHref({ tab: 'agencies' })}>{t('backToList')}</a>
      </p>
      <div class="grid2">
        <TextField id="agency-code" label={t('code')} value={code} onValue={setCode} readOnly={!!record} required hint={record ? t('fixedId') : t('codeHint')} error={err('code')} />
        <TextField id="agency-name" label={t('name')} value={agency.name} onValue={(name) => setA({ name })} required error={err('name')} />
        <SelectField id="agency-kind" label={t('kind')} value={agency.kind} onValue={(kind) => setA({ kind: kind as AgencyKind })} options={KINDS.map((k) => [k, t(`kind.${k}`)] as const)} error={err('kind')} />
      </div>
      <fieldset>
        <legend>{t('membership')}</legend>
        <div class="grid2">
          <SelectField id="agency-status" label={t('status')} value={membership.status} onValue={(status) => setM({ status: status as MembershipStatus })} options={STATUSES.map((k) => [k, t(`status.${k}`)] as const)} error={err('membership.status')} />
          <TextField id="agency-mouSignedOn" type="date" label={t('mouSignedOn')} value={membership.mouSignedOn} onValue={(mouSignedOn) => setM({ mouSignedOn })} error={err('membership.mouSignedOn')} />
          <TextField id="agency-pksSignedOn" type="date" label={t('pksSignedOn')} value={membership.pksSignedOn} onValue={(pksSignedOn) => setM({ pksSignedOn })} error={err('membership.pksSignedOn')} />
          <TextField id="agency-pksEndsOn" type="date" label={t('pksEndsOn')} value={membership.pksEndsOn} onValue={(pksEndsOn) => setM({ pksEndsOn })} error={err('membership.pksEndsOn')} />
        </div>
        <TextField id="agency-leftReason" label={t('leftReason')} hint={t('leftReasonHint')} value={membership.leftReason} onValue={(leftReason) => setM({ leftReason })} error={err('membership.leftReason')} />
      </fieldset>
      <ErrorNote error={s.error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={s.busy}>
          {t('save')}
        </button>
        <a href={adminHref({ tab: 'agencies' })}>{t('cancel')}</a>
      </div>
      <SaveStatus message={s.done && t(s.done)} />
    </form>
  );
}
