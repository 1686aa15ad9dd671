/**
 * The shapes the demo's data tables are written in: short, typed rows that `demo-mall.ts` turns
 * into the import document's protobuf JSON. Keeping the tables free of ids lets one table serve
 * any mall id.
 */

/** The four channels of the integrated service ecosystem, as the tables name them. */
export type ChannelName = 'langsung' | 'mandiri' | 'digital' | 'bergerak';

/**
 * Which of the mall's priority groups a service honours: `all` (lansia, disabilitas, ibu hamil)
 * for services a citizen applies for in person, `none` for those a company's staff applies for
 * on the company's behalf (the priority is for the person in the queue, not the company).
 */
export type PriorityRule = 'all' | 'none';

/** What a service standard publishes that differs per service; the rest is its agency's template. */
export interface PublicSpec {
  /** Persyaratan, in Bahasa Indonesia: what citizens search for ("Fotokopi Kartu Keluarga"). */
  readonly requirements: readonly string[];
  /** Produk layanan: what the citizen takes home. */
  readonly product: string;
  /** Biaya/tarif; default "Gratis" (most public services are free). */
  readonly fee?: string;
}

/** One jenis layanan of an agency. */
export interface ServiceSpec {
  /** Lowercase-dash, unique in the mall. */
  readonly code: string;
  readonly nameId: string;
  readonly nameEn: string;
  /** Expected handling minutes at the counter. */
  readonly minutes: number;
  /** Tickets per local day; default 0 (no quota). */
  readonly quota?: number;
  /** Default: langsung only. */
  readonly channels?: readonly ChannelName[];
  /** Default: all. */
  readonly priority?: PriorityRule;
  /** Working days of the application the service opens; none: done at the counter. */
  readonly completionDays?: number;
  /** No longer offered, kept for history and reports. */
  readonly retired?: boolean;
  /** Queue prefix, when the agency has more than one queue (default: its first). */
  readonly queue?: string;
  readonly standard: PublicSpec;
}

/** Shorthand for a row of a service table. */
export function svc(code: string, nameId: string, nameEn: string, minutes: number, standard: PublicSpec, more: Partial<ServiceSpec> = {}): ServiceSpec {
  return { code, nameId, nameEn, minutes, standard, ...more };
}
