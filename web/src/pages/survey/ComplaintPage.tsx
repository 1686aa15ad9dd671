import { useEffect, useRef, useState } from 'preact/hooks';
import { allServices, api, ApiError } from '../../app/api';
import { useAction, useAsync } from '../../app/hooks';
import { pick, useT, type Dict } from '../../app/i18n';
import { ErrorNote, Field, formatDate, Layout } from '../../app/ui';

const dict: Dict = {
  id: {
    title: 'Pengaduan',
    intro: 'Sampaikan pengaduan, permintaan informasi atau sengketa tentang pelayanan di mal ini. Pengaduan Anda ditangani sesuai standar waktu penanganan.',
    kind: 'Jenis',
    'information-request': 'Permintaan informasi',
    complaint: 'Pengaduan',
    dispute: 'Sengketa',
    category: 'Tentang',
    requirements: 'Persyaratan',
    procedure: 'Prosedur',
    time: 'Waktu pelayanan',
    fee: 'Biaya/tarif',
    product: 'Produk layanan',
    staff: 'Perilaku petugas',
    complaint_handling: 'Penanganan pengaduan',
    facilities: 'Sarana dan prasarana',
    other: 'Lainnya',
    service: 'Layanan (tidak wajib)',
    anyService: 'Tidak terkait satu layanan',
    text: 'Uraian',
    textHint: 'Ceritakan apa yang terjadi, kapan dan di mana.',
    contact: 'Kontak untuk jawaban (tidak wajib)',
    name: 'Nama',
    phone: 'Nomor ponsel',
    email: 'Email',
    submit: 'Kirim pengaduan',
    sent: 'Pengaduan Anda diterima dengan nomor {id}. Batas waktu penanganan: {due}.',
    choose: 'Pilih…',
    required: 'Wajib diisi',
  },
  en: {
    title: 'Complaint',
    intro: 'File a complaint, an information request or a dispute about a service at this mall. It is handled within the complaint-handling standard.',
    kind: 'Kind',
    'information-request': 'Information request',
    complaint: 'Complaint',
    dispute: 'Dispute',
    category: 'About',
    requirements: 'Requirements',
    procedure: 'Procedure',
    time: 'Service time',
    fee: 'Fee',
    product: 'Service product',
    staff: 'Staff conduct',
    complaint_handling: 'Complaint handling',
    facilities: 'Facilities',
    other: 'Other',
    service: 'Service (optional)',
    anyService: 'Not about one service',
    text: 'Description',
    textHint: 'Tell us what happened, when and where.',
    contact: 'Contact for the answer (optional)',
    name: 'Name',
    phone: 'Mobile number',
    email: 'Email',
    submit: 'Send complaint',
    sent: 'Your complaint was received as number {id}. It is due to be handled by {due}.',
    choose: 'Choose…',
    required: 'Required',
  },
};

const CATEGORIES = ['requirements', 'procedure', 'time', 'fee', 'product', 'staff', 'complaint_handling', 'facilities', 'other'];

/** The complaint (pengaduan) form: anyone, no sign-in; a ticket from the survey page links its visit. */
export default function ComplaintPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useT(dict);
  const mallId = params.mallId!;
  const ticketId = new URLSearchParams(location.search).get('ticket') ?? '';
  const services = useAsync((signal) => allServices<{ id: string; nameId: string; nameEn: string; status: string }>(mallId, { signal, anonymous: true }), [mallId]);
  const [form, setForm] = useState({ kind: 'complaint', category: '', serviceId: '', text: '', name: '', phone: '', email: '' });
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState<{ id: string; due: string }>();
  const submit = useAction();
  // One request id per complaint: a retry after a lost answer files it once, not twice.
  const requestId = useRef(crypto.getRandomValues(new Uint32Array(4)).join('-'));
  const [attempts, setAttempts] = useState(0);
  useEffect(() => {
    if (attempts > 0) document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempts]);
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [k]: e.currentTarget.value });
  const apiError = submit.error instanceof ApiError ? submit.error : undefined;
  const err = (field: string, value?: string) => apiError?.fieldError(field) ?? (tried && value === '' ? t('required') : undefined);

  async function send(e: Event) {
    e.preventDefault();
    setTried(true);
    if (!form.category || !form.text.trim()) {
      setAttempts((n) => n + 1);
      return;
    }
    const contact = { ...(form.name ? { name: form.name } : {}), ...(form.phone ? { phone: form.phone } : {}), ...(form.email ? { email: form.email } : {}) };
    const res = await submit.run(() =>
      api<{ complaint: { id: string; respondBy?: string } }>(`/complaints`, {
        method: 'POST',
        anonymous: true,
        body: { mallId, channel: 'web', kind: form.kind, category: form.category, text: form.text.trim(), ...(form.serviceId ? { serviceId: form.serviceId } : {}), ...(ticketId ? { ticketId } : {}), ...(Object.keys(contact).length ? { contact } : {}), requestId: requestId.current },
      }),
    );
    if (res) {
      setDone({ id: res.complaint.id, due: res.complaint.respondBy ?? '' });
      requestId.current = crypto.getRandomValues(new Uint32Array(4)).join('-');
    } else setAttempts((n) => n + 1);
  }

  return (
    <Layout mallId={mallId}>
      <h1>{t('title')}</h1>
      {done ? (
        <p class="ok" role="status">
          {t('sent', { id: done.id, due: done.due ? formatDate(done.due, lang) : '—' })}
        </p>
      ) : (
        <form onSubmit={send} noValidate>
          <p>{t('intro')}</p>
          <div class="grid2">
            <Field id="c-kind" label={t('kind')} error={err('kind')}>
              <select id="c-kind" value={form.kind} onChange={set('kind')}>
                {['complaint', 'information-request', 'dispute'].map((k) => (
                  <option key={k} value={k}>
                    {t(k)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="c-category" label={t('category')} error={err('category', form.category)}>
              <select id="c-category" required value={form.category} onChange={set('category')} aria-invalid={err('category', form.category) ? 'true' : undefined}>
                <option value="">{t('choose')}</option>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(c)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field id="c-service" label={t('service')} error={err('service_id')}>
            <select id="c-service" value={form.serviceId} onChange={set('serviceId')}>
              <option value="">{t('anyService')}</option>
              {(services.data ?? [])
                .filter((s) => s.status === 'active')
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {pick(lang, s.nameId, s.nameEn)}
                  </option>
                ))}
            </select>
          </Field>
          <Field id="c-text" label={t('text')} hint={t('textHint')} error={err('text', form.text.trim())}>
            <textarea id="c-text" required maxLength={4000} value={form.text} onInput={set('text')} aria-describedby="c-text-hint" aria-invalid={err('text', form.text.trim()) ? 'true' : undefined} />
          </Field>
          <fieldset>
            <legend>{t('contact')}</legend>
            <div class="grid2">
              <Field id="c-name" label={t('name')} error={err('contact.name')}>
                <input id="c-name" autoComplete="name" value={form.name} onInput={set('name')} />
              </Field>
              <Field id="c-phone" label={t('phone')} error={err('contact.phone')}>
                <input id="c-phone" type="tel" autoComplete="tel" value={form.phone} onInput={set('phone')} />
              </Field>
              <Field id="c-email" label={t('email')} error={err('contact.email')}>
                <input id="c-email" type="email" autoComplete="email" value={form.email} onInput={set('email')} />
              </Field>
            </div>
          </fieldset>
          <ErrorNote error={submit.error} />
          <button type="submit" class="primary" disabled={submit.busy}>
            {t('submit')}
          </button>
        </form>
      )}
    </Layout>
  );
}
