import { session, signOut } from './auth';

/** An RFC 9457 problem as the gateway answers it. */
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly errors?: readonly { readonly field: string; readonly reason: string }[];
  readonly traceId?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    /** From `Retry-After` (429, 503), when the API said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.detail || problem.title || `HTTP ${status}`);
  }
  /** The reason given for a field (`serviceId`, `answers[2]`…), if any. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field || e.field.endsWith(`.${field}`))?.reason;
  }
}

export interface ApiOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  readonly query?: Record<string, string | number | boolean | undefined>;
  readonly accept?: string;
  /** Send no token even when signed in (a citizen's own actions on a shared kiosk). */
  readonly anonymous?: boolean;
  readonly signal?: AbortSignal;
}

export const API = '/api/v1';

export function apiUrl(path: string, query?: ApiOptions['query']): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return `${API}${path}${s ? `?${s}` : ''}`;
}

async function send(path: string, options: ApiOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  const s = options.anonymous ? undefined : session();
  if (s) headers.authorization = `Bearer ${s.accessToken}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = typeof options.body === 'string' ? 'text/csv' : 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, options.query), { method: options.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, { title: 'offline', detail: '' });
  }
  // A token the API no longer takes (expired, revoked): sign out, so the screen offers sign-in.
  if (res.status === 401 && s) signOut();
  if (!res.ok) {
    let problem: Problem = { status: res.status, title: res.statusText };
    try {
      problem = (await res.json()) as Problem;
    } catch {
      // not JSON: keep the status line
    }
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new ApiError(res.status, problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
  return res;
}

/** One call of the public API; problems become an ApiError with the gateway's detail and field errors. */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const res = await send(path, options);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A file from the API (CSV, XLSX) saved through the browser's download. */
export async function download(path: string, options: ApiOptions & { filename: string }): Promise<void> {
  const res = await send(path, options);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = options.filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Every service of a mall (or of one agency), page by page (the catalog pages at most 500). */
export async function allServices<S>(mallId: string, options: { agency?: string; signal?: AbortSignal; anonymous?: boolean } = {}): Promise<S[]> {
  const out: S[] = [];
  let pageToken: string | undefined;
  do {
    const page = await api<{ services: S[]; nextPageToken?: string }>(`/malls/${encodeURIComponent(mallId)}/services`, {
      query: { pageSize: 500, agency: options.agency, pageToken },
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.anonymous ? { anonymous: true } : {}),
    });
    out.push(...page.services);
    pageToken = page.nextPageToken || undefined;
  } while (pageToken);
  return out;
}
