import { api } from '../../app/api';
import type { Agency, BoothWithCounters, MallAnswer, Queue } from './types';

/** The catalog reads the admin tabs share. */
export const getMall = (mallId: string, signal?: AbortSignal) => api<MallAnswer>(`/malls/${encodeURIComponent(mallId)}`, { signal });

export const getAgencies = (mallId: string, signal?: AbortSignal) => api<{ agencies: Agency[] }>(`/malls/${encodeURIComponent(mallId)}/agencies`, { signal }).then((r) => r.agencies);

export const getBooths = (mallId: string, signal?: AbortSignal) => api<{ booths: BoothWithCounters[] }>(`/malls/${encodeURIComponent(mallId)}/booths`, { signal }).then((r) => r.booths);

export const getQueues = (mallId: string, signal?: AbortSignal) => api<{ queues: Queue[] }>(`/malls/${encodeURIComponent(mallId)}/queues`, { signal }).then((r) => r.queues);

/** Numbers as people sort them: booth 2 before booth 10. */
export const byNumber = (a: string, b: string) => a.localeCompare(b, 'id', { numeric: true });

/** `kendari:ktp-el` → `ktp-el` (ids are `<mall>:<number|prefix|code>`). */
export const localPart = (id: string) => id.slice(id.indexOf(':') + 1);
