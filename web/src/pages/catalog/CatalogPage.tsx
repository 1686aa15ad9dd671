import { allServices, api } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { pick, useT } from '../../app/i18n';
import { ErrorNote, Layout, Loading } from '../../app/ui';
import './catalog.css';
import { dict } from './dict';
import { HoursSection } from './HoursSection';
import { MobileSection } from './MobileSection';
import { AgenciesSection, BoothsSection } from './PlacesSection';
import { ServicesSection } from './ServicesSection';
import { SkmSection } from './SkmSection';
import type { Agency, BoothWithCounters, Directory, Mall, Notice, Service } from './types';

/** `/m/:mallId`: what is where in the mall, its services and standards, hours, mobile schedule and published SKM results. Public. */
export default function CatalogPage({ params }: { params: Record<string, string> }) {
  const mallId = params.mallId ?? '';
  const { t, lang } = useT(dict);
  const id = encodeURIComponent(mallId);
  const base = useAsync(async (signal) => {
    const [mall, agencies, booths] = await Promise.all([
      api<{ mall: Mall; notice?: Notice }>(`/malls/${id}`, { signal }),
      api<{ agencies: Agency[] }>(`/malls/${id}/agencies`, { signal }),
      api<{ booths: BoothWithCounters[] }>(`/malls/${id}/booths`, { signal }),
    ]);
    return { ...mall, agencies: agencies.agencies, booths: booths.booths };
  }, [id]);
  const services = useAsync((signal) => allServices<Service>(mallId, { signal, anonymous: true }), [mallId]);
  const b = base.data;
  const dir: Directory | undefined = b && {
    mallId,
    timeZone: b.mall.timeZone ?? '',
    agencies: new Map(b.agencies.map((a) => [a.code, a])),
    booths: new Map(b.booths.map((x) => [x.booth.id, x])),
    services: new Map((services.data ?? []).map((s) => [s.id, s])),
  };
  return (
    <Layout mallId={mallId}>
      <div class="cat">
        <ErrorNote error={base.error} onRetry={base.reload} />
        {!b && base.loading && <Loading />}
        {b && dir && (
          <>
            <h1>{b.mall.name}</h1>
            {(b.mall.address || b.mall.city) && (
              <address class="cat-address">{[b.mall.address, b.mall.address?.includes(b.mall.city ?? '') ? '' : b.mall.city].filter(Boolean).join(', ')}</address>
            )}
            {b.notice?.active && (
              <div class={`cat-notice ${b.notice.kind === 'emergency' ? 'emergency' : ''}`} role={b.notice.kind === 'emergency' ? 'alert' : 'status'}>
                <strong>{b.notice.kind === 'emergency' ? t('emergency') : t('information')}:</strong> {pick(lang, b.notice.textId, b.notice.textEn)}
              </div>
            )}
            <nav class="cat-toc" aria-label={t('onThisPage')}>
              <ul>
                <li><a href="#hours-title">{t('hoursTitle')}</a></li>
                <li><a href="#services-title">{t('servicesShort')}</a></li>
                <li><a href="#agencies-title">{t('agenciesShort')}</a></li>
                <li><a href="#booths-title">{t('boothsTitle')}</a></li>
                <li><a href="#mobile-title">{t('mobileShort')}</a></li>
                <li><a href="#skm-title">{t('skmShort')}</a></li>
                <li><a href={`/m/${id}/complaint`}>{t('complaintLink')}</a></li>
              </ul>
            </nav>
            <HoursSection mall={b.mall} />
            <ServicesSection dir={dir} loading={services.loading} error={services.error} onRetry={services.reload} />
            <AgenciesSection dir={dir} />
            <BoothsSection dir={dir} />
            <MobileSection dir={dir} />
            <SkmSection dir={dir} mallName={b.mall.name} />
            <section aria-labelledby="complaint-title" class="cat-section">
              <h2 id="complaint-title">{t('complaintTitle')}</h2>
              <p>{t('complaintIntro')}</p>
              <p>
                <a class="button primary" href={`/m/${id}/complaint`}>
                  {t('complaintLink')}
                </a>
              </p>
            </section>
          </>
        )}
      </div>
    </Layout>
  );
}
