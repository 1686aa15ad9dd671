import { useEffect, useRef } from 'preact/hooks';
import { api, ApiError } from '../../app/api';
import { useAction, useAsync, useInterval } from '../../app/hooks';
import { pick, useT, type Dict } from '../../app/i18n';
import { ErrorNote, formatDate, formatTime, Layout, Loading } from '../../app/ui';
import type { Service, TicketView } from '../../app/types';

const dict: Dict = {
  id: {
    title: 'Status antrian',
    number: 'Nomor antrian',
    service: 'Layanan',
    position: 'Posisi Anda',
    ahead: 'Orang di depan Anda',
    wait: 'Perkiraan tunggu',
    liveNote: 'Halaman ini diperbarui sendiri.',
    calledTo: 'Silakan menuju {counter}',
    servingAt: 'Sedang dilayani di {counter}',
    waiting: 'Menunggu',
    called: 'Dipanggil',
    serving: 'Sedang dilayani',
    completed: 'Selesai',
    'no-show': 'Tidak hadir saat dipanggil',
    transferred: 'Dialihkan ke layanan lain',
    cancelled: 'Dibatalkan',
    expired: 'Kedaluwarsa (hari layanan berakhir)',
    surveyInvite: 'Terima kasih. Bantu kami menjadi lebih baik: isi survei kepuasan masyarakat (SKM), hanya 9 pertanyaan.',
    surveyButton: 'Isi survei',
    cancel: 'Batalkan antrian',
    confirmCancel: 'Batalkan antrian ini?',
    application: 'Permohonan Anda',
    tracking: 'Kode pelacakan',
    due: 'Perkiraan selesai',
    appStatus: 'Status',
    'in-process': 'Sedang diproses',
    ready: 'Siap diambil',
    'handed-over': 'Sudah diserahkan',
    note: 'Catatan petugas',
    unknown: 'Tiket tidak ditemukan. Periksa tautan atau kode QR Anda.',
    stale: 'Tidak dapat memperbarui status (jaringan?). Halaman mencoba lagi sendiri.',
    followTransfer: 'Lihat tiket baru Anda',
  },
  en: {
    title: 'Ticket status',
    number: 'Queue number',
    service: 'Service',
    position: 'Your position',
    ahead: 'People ahead of you',
    wait: 'Estimated wait',
    liveNote: 'This page updates itself.',
    calledTo: 'Please go to {counter}',
    servingAt: 'Being served at {counter}',
    waiting: 'Waiting',
    called: 'Called',
    serving: 'Being served',
    completed: 'Completed',
    'no-show': 'Not present when called',
    transferred: 'Transferred to another service',
    cancelled: 'Cancelled',
    expired: 'Expired (the service day ended)',
    surveyInvite: 'Thank you. Help us improve: answer the public satisfaction survey (SKM), just 9 questions.',
    surveyButton: 'Answer the survey',
    cancel: 'Cancel my ticket',
    confirmCancel: 'Cancel this ticket?',
    application: 'Your application',
    tracking: 'Tracking code',
    due: 'Expected ready by',
    appStatus: 'Status',
    'in-process': 'In process',
    ready: 'Ready for collection',
    'handed-over': 'Handed over',
    note: 'Officer’s note',
    unknown: 'Ticket not found. Check your link or QR code.',
    stale: 'Cannot refresh the status (network?). The page keeps trying.',
    followTransfer: 'See your new ticket',
  },
};

interface Board {
  readonly counters: readonly { counterId: string; name: string }[];
}
interface Application {
  readonly trackingCode: string;
  readonly status: string;
  readonly dueDate: string;
  readonly note: string;
}

/** What the ticket's QR code opens on a phone: live position, the counter when called, the survey once done. */
export default function TicketPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useT(dict);
  const id = params.ticketId!;
  const ticket = useAsync((signal) => api<{ view: TicketView }>(`/tickets/${encodeURIComponent(id)}`, { signal, anonymous: true }).then((r) => r.view), [id]);
  const view = ticket.data;
  const live = view && ['waiting', 'called', 'serving'].includes(view.ticket.status);
  // One request at a time: a slow phone link is not cut off by the next tick. Told to slow down
  // (429: many phones share a mall's address), it waits as long as the API says.
  const quietUntil = useRef(0);
  useEffect(() => {
    if (ticket.error instanceof ApiError && ticket.error.status === 429) quietUntil.current = Date.now() + (ticket.error.retryAfterSeconds ?? 30) * 1000;
  }, [ticket.error]);
  useInterval(() => live && !ticket.loading && Date.now() >= quietUntil.current && ticket.reload(), 5000);
  const service = useAsync((signal) => (view ? api<{ service: Service }>(`/services/${encodeURIComponent(view.ticket.serviceId)}`, { signal, anonymous: true }).then((r) => r.service) : Promise.resolve(undefined)), [view?.ticket.serviceId]);
  const board = useAsync((signal) => (view?.ticket.counterId ? api<{ board: Board }>(`/malls/${view.ticket.mallId}/board`, { signal, anonymous: true }).then((r) => r.board) : Promise.resolve(undefined)), [view?.ticket.counterId]);
  const tracking = view?.applicationTrackingCode ?? '';
  const application = useAsync((signal) => (tracking ? api<{ application: Application }>(`/applications/${encodeURIComponent(tracking)}`, { signal, anonymous: true }).then((r) => r.application) : Promise.resolve(undefined)), [tracking]);
  const cancel = useAction();

  if (ticket.error instanceof ApiError && ticket.error.status === 404)
    return (
      <Layout>
        <p class="error">{t('unknown')}</p>
      </Layout>
    );
  if (!view) return <Layout>{ticket.error ? <ErrorNote error={ticket.error} onRetry={ticket.reload} /> : <Loading />}</Layout>;
  const status = view.ticket.status;
  const counter = board.data?.counters.find((c) => c.counterId === view.ticket.counterId)?.name ?? view.ticket.counterId;
  return (
    <Layout mallId={view.ticket.mallId}>
      <h1>{t('title')}</h1>
      <section class="card" aria-live="polite">
        <p class="muted">{t('number')}</p>
        <p class="status-number" data-testid="status-number">
          {view.ticket.number}
        </p>
        <p>
          <span class={`badge ${status}`} data-testid="status">
            {t(status)}
          </span>
        </p>
        {service.data && (
          <p>
            {t('service')}: {pick(lang, service.data.nameId, service.data.nameEn)}
          </p>
        )}
        {status === 'waiting' && (
          <dl class="grid2">
            <div>
              <dt>{t('position')}</dt>
              <dd class="status-number" data-testid="status-position">
                {view.position}
              </dd>
            </div>
            <div>
              <dt>{t('ahead')}</dt>
              <dd>{view.peopleAhead}</dd>
            </div>
            <div>
              <dt>{t('wait')}</dt>
              <dd>
                ±{view.estimatedWaitMinutes} {t('minutes')}
              </dd>
            </div>
          </dl>
        )}
        {status === 'called' && <p class="called-now">{t('calledTo', { counter })}</p>}
        {status === 'transferred' && view.ticket.transferredTo && (
          <p>
            <a class="button primary" href={`/ticket/${encodeURIComponent(view.ticket.transferredTo)}`} data-testid="transferred-to">
              {t('followTransfer')}
            </a>
          </p>
        )}
        {status === 'serving' && <p class="called-now">{t('servingAt', { counter })}</p>}
        {live && <p class="muted">{t('liveNote')}</p>}
      </section>

      {status === 'completed' && view.surveyPath && (
        <section class="card" style="margin-top:1rem">
          <p>{t('surveyInvite')}</p>
          <a class="button primary" href={`/survey/${encodeURIComponent(view.ticket.id)}`}>
            {t('surveyButton')}
          </a>
        </section>
      )}

      {application.data && (
        <section class="card" style="margin-top:1rem">
          <h2>{t('application')}</h2>
          <dl>
            <dt>{t('tracking')}</dt>
            <dd>
              <code>{application.data.trackingCode}</code>
            </dd>
            <dt>{t('appStatus')}</dt>
            <dd>{t(application.data.status)}</dd>
            <dt>{t('due')}</dt>
            <dd>{formatDate(application.data.dueDate, lang)}</dd>
            {application.data.note && (
              <>
                <dt>{t('note')}</dt>
                <dd>{application.data.note}</dd>
              </>
            )}
          </dl>
        </section>
      )}

      {status === 'waiting' && (
        <p style="margin-top:1rem">
          <button
            type="button"
            class="danger"
            disabled={cancel.busy}
            onClick={() => confirm(t('confirmCancel')) && cancel.run(() => api(`/tickets/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: {}, anonymous: true })).then(ticket.reload)}
          >
            {t('cancel')}
          </button>
        </p>
      )}
      <ErrorNote error={cancel.error} />
      {ticket.error !== undefined && (
        <p class="muted" role="status">
          {t('stale')}
        </p>
      )}
      <p class="muted">{formatTime(view.ticket.issuedAt, lang)}</p>
    </Layout>
  );
}
