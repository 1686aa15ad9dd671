import { api } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { useT, type Dict } from '../../app/i18n';
import { ErrorNote, Layout, Loading } from '../../app/ui';

interface Mall {
  readonly id: string;
  readonly name: string;
  readonly city?: string;
  readonly address?: string;
}

const dict: Dict = {
  id: { intro: 'Satu tempat untuk layanan publik: ambil antrian, lihat standar pelayanan, beri penilaian.', forStaff: 'Untuk petugas dan pengelola', noMalls: 'Belum ada mal pada platform ini.' },
  en: { intro: 'One place for public services: take a ticket, read the service standards, rate the service.', forStaff: 'For officers and managers', noMalls: 'No mall on this platform yet.' },
};

/** The front door: the malls of this deployment, and the staff screens. */
export function HomePage() {
  const { t } = useT(dict);
  const malls = useAsync((signal) => api<{ malls: Mall[] }>('/malls', { signal, anonymous: true }), []);
  return (
    <Layout>
      <h1>{t('appName')}</h1>
      <p>{t('intro')}</p>
      <h2>{t('chooseMall')}</h2>
      <ErrorNote error={malls.error} onRetry={malls.reload} />
      {malls.loading && !malls.data && <Loading />}
      {malls.data && malls.data.malls.length === 0 && <p>{t('noMalls')}</p>}
      <ul class="tiles">
        {malls.data?.malls.map((m) => (
          <li key={m.id} class="card">
            <h3>
              <a href={`/m/${m.id}`}>{m.name}</a>
            </h3>
            {m.address && <p class="muted">{m.address}</p>}
            <p class="links">
              <a href={`/m/${m.id}/kiosk`}>{t('kiosk')}</a> · <a href={`/m/${m.id}/board`}>{t('board')}</a> · <a href={`/m/${m.id}/complaint`}>{t('complaint')}</a>
            </p>
          </li>
        ))}
      </ul>
      <h2>{t('forStaff')}</h2>
      <p class="links">
        <a href="/console">{t('console')}</a> · <a href="/dashboard">{t('dashboard')}</a> · <a href="/admin">{t('admin')}</a> · <a href="/docs">API</a>
      </p>
    </Layout>
  );
}
