import { api } from '../../app/api';
import type { Agency, BoothWithCounters, MallAnswer, Queue, Service } from './types';

/** The catalog reads the admin tabs share. */
export const getMall = (mallId: string, signal?: AbortSignal) => api<MallAnswer>(`/malls/${encodeURIComponent(mallId)}`, { signal });

export const getAgencies = (mallId: string, signal?: AbortSignal) => api<{ agencies: Agency[] }>(`/malls/${encodeURIComponent(mallId)}/agencies`, { signal }).then((r) => r.agencies);

export const getBooths = (mallId: string, signal?: AbortSignal) => api<{ booths: BoothWithCounters[] }>(`/malls/${encodeURIComponent(mallId)}/booths`, { signal }).then((r) => r.booths);

export const getQueues = (mallId: string, signal?: AbortSignal) => api<{ queues: Queue[] }>(`/malls/${encodeURIComponent(mallId)}/queues`, { signal }).then((r) => r.queues);

/** Every (active) service of a mall, page after page. */
export async function getAllServices(mallId: string, agency: string | undefined, signal?: AbortSignal): Promise<Service[]> {
  const all: Service[] = [];
  let pageToken: string | undefined;
  do {
    const page = await api<{ services: Service[]; nextPageToken?: string }>(`/malls/${encodeURIComponent(mallId)}/services`, { signal, query: { agency, pageSize: 500, pageToken } });
    all.push(...page.services);
    pageToken = page.nextPageToken || undefined;
  } while (pageToken);
  return all;
}

/** Numbers as people sort them: booth 2 before booth 10. */
export const byNumber = (a: string, b: string) => a.localeCompare(b, 'id', { numeric: true });

/** `kendari:ktp-el` → `ktp-el` (ids are `<mall>:<number|prefix|code>`). */
export const localPart = (id: string) => id.slice(id.indexOf(':') + 1);
