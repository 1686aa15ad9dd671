import { useState } from 'preact/hooks';
import { api, ApiError } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { pick, useT, type Dict } from '../../app/i18n';
import { ErrorNote, Loading } from '../../app/ui';
import { FocusHeading, adminHref, words } from './common';
import { getAgencies, getBooths, getMall, getQueues } from './data';
import { ServiceForm, blankService, type ServiceRefs } from './ServiceForm';
import { StandardForm } from './StandardForm';
import type { AdminCtx, Service } from './types';

const dict: Dict = {
  id: { newTitle: 'Layanan baru', details: 'Data layanan', standard: 'Standar pelayanan', parts: 'Bagian layanan', otherAgency: 'Layanan ini milik instansi lain; Anda hanya dapat mengubah layanan instansi {agency}.' },
  en: { newTitle: 'New service', details: 'Service details', standard: 'Service standard', parts: 'Parts of the service', otherAgency: 'This service belongs to another agency; you can only change the services of {agency}.' },
};

/** One service: its record (`?service=<id>`) or its standard (`&part=standard`), with the lists the form chooses from. */
export function ServiceEditor({ ctx, serviceId, part }: { ctx: AdminCtx; serviceId: string; part: string }) {
  const { t, lang } = useT(words, dict);
  const isNew = serviceId === 'new';
  const data = useAsync(async (signal) => {
    const [found, agencies, booths, queues, mall] = await Promise.all([
      isNew ? undefined : api<{ service: Service; agencyName: string }>(`/services/${encodeURIComponent(serviceId)}`, { signal }),
      getAgencies(ctx.mallId, signal),
      getBooths(ctx.mallId, signal),
      getQueues(ctx.mallId, signal),
      getMall(ctx.mallId, signal),
    ]);
    const refs: ServiceRefs = { agencies, booths: booths.map((b) => b.booth), queues, groups: mall.policy?.priorityGroups ?? [] };
    return { service: found?.service, refs };
  }, [ctx.mallId, serviceId]);
  const [saved, setSaved] = useState<Service>();

  if (data.error && !data.data) {
    const missing = data.error instanceof ApiError && data.error.status === 404;
    return (
      <>
        {missing ? <p class="error">{t('notFoundRecord', { id: serviceId })}</p> : <ErrorNote error={data.error} onRetry={data.reload} />}
        <a href={adminHref({ tab: 'services' })}>{t('backToList')}</a>
      </>
    );
  }
  if (!data.data) return <Loading />;
  const service = saved ?? data.data.service ?? blankService(ctx.mallId, ctx.agency ?? data.data.refs.agencies[0]?.code ?? '');
  if (!isNew && service.mallId !== ctx.mallId) {
    return (
      <>
        <p class="error">{t('notFoundRecord', { id: serviceId })}</p>
        <a href={adminHref({ tab: 'services' })}>{t('backToList')}</a>
      </>
    );
  }
  const name = pick(lang, service.nameId, service.nameEn);
  const foreign = !!ctx.agency && !isNew && service.agencyCode !== ctx.agency;
  const standard = part === 'standard' && !isNew;
  return (
    <>
      <FocusHeading>{isNew ? t('newTitle') : t('editNamed', { name })}</FocusHeading>
      <p>
        <a href={adminHref({ tab: 'services' })}>{t('backToList')}</a>
      </p>
      {!isNew && (
        <nav class="sub-tabs" aria-label={t('parts')}>
          <a href={adminHref({ tab: 'services', service: serviceId })} aria-current={standard ? undefined : 'page'}>
            {t('details')}
          </a>
          <a href={adminHref({ tab: 'services', service: serviceId, part: 'standard' })} aria-current={standard ? 'page' : undefined}>
            {t('standard')}
          </a>
        </nav>
      )}
      {foreign ? (
        <p class="error">{t('otherAgency', { agency: ctx.agency ?? '' })}</p>
      ) : standard ? (
        <StandardForm ctx={ctx} serviceId={serviceId} />
      ) : (
        <ServiceForm ctx={ctx} record={service} refs={data.data.refs} onSaved={setSaved} />
      )}
    </>
  );
}
