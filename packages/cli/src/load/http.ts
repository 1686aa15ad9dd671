import type { Recorder } from './stats.js';

export interface ApiAnswer {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the generator reads a few fields of the API's JSON
  readonly body: any;
}

export interface CallOptions {
  readonly token?: string | undefined;
  readonly body?: unknown;
  /** Statuses that are refusals the workload expects (counted apart from failures). */
  readonly expected?: readonly number[];
}

/** The public API over fetch, each call timed and recorded under its route template. */
export class ApiClient {
  constructor(
    readonly base: string,
    private readonly recorder: Recorder,
  ) {}

  async call(method: string, route: string, path: string, o: CallOptions = {}): Promise<ApiAnswer> {
    const headers: Record<string, string> = {};
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    let status = 0;
    let body: unknown;
    try {
      const response = await fetch(`${this.base}/api/v1${path}`, { method, headers, ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}) });
      status = response.status;
      const text = await response.text();
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
    } catch (error) {
      body = { detail: (error as Error).message };
    }
    this.recorder.record(`${method} ${route}`, status, performance.now() - started, (o.expected ?? []).includes(status));
    return { status, body };
  }
}
