import type { ChannelName } from '../spec.js';

/**
 * How the licensing office's permit types are written down: families × items × actions
 * ("Surat Izin Praktik" × "Bidan" × "Perpanjangan"), as the office's own lists read.
 */

/** One thing a family licenses (a business activity, a profession, a building function). */
export interface LicenceItem {
  readonly code: string;
  readonly id: string;
  readonly en: string;
  /** Requirements only this item has. */
  readonly extra?: readonly string[];
  /** Working days, when this item takes longer or shorter than its family. */
  readonly days?: number;
}

/** What is asked of the office: issue, change, renew, revoke. */
export interface LicenceAction {
  readonly code: string;
  readonly id: string;
  readonly en: string;
  /** Requirements the action adds (the old licence, the reason for a change). */
  readonly extra: readonly string[];
  /** Working days, when the action differs from its family (a revocation is quick). */
  readonly days?: number;
  /** The product, from the family's (a revocation yields a decision, not a licence). */
  readonly product?: (licence: string) => string;
}

export interface LicenceFamily {
  readonly code: string;
  readonly id: string;
  readonly en: string;
  readonly items: readonly LicenceItem[];
  readonly actions: readonly LicenceAction[];
  /** Typical handling minutes at the counter; the demo varies it a little per service. */
  readonly minutes: number;
  readonly days: number;
  readonly quota?: number;
  readonly channels?: readonly ChannelName[];
  readonly requirements: readonly string[];
  /** What the citizen takes home, before the item's name ("Surat Izin Praktik"). */
  readonly product: string;
  /**
   * How a service is named: `family-item` ("Surat Izin Praktik" + "Bidan"), or `item` when
   * each item already is a licence's full name ("Nomor Kontrol Veteriner (NKV)").
   */
  readonly naming?: 'family-item' | 'item';
  readonly fee?: string;
}

/** Items written as `[code, nameId, nameEn]` rows, the compact form the tables use. */
export function items(rows: readonly (readonly [string, string, string])[], more: Readonly<Record<string, Partial<LicenceItem>>> = {}): LicenceItem[] {
  return rows.map(([code, id, en]) => ({ code, id, en, ...more[code] }));
}

export const NEW: LicenceAction = { code: 'baru', id: 'Baru', en: 'new', extra: [] };
export const CHANGE: LicenceAction = { code: 'perubahan', id: 'Perubahan', en: 'change', extra: ['Izin lama asli', 'Dokumen pendukung perubahan data'] };
export const RENEWAL: LicenceAction = { code: 'perpanjangan', id: 'Perpanjangan', en: 'renewal', extra: ['Izin lama asli yang masih berlaku atau baru berakhir'] };
export const REVOCATION: LicenceAction = {
  code: 'pencabutan', id: 'Pencabutan atas Permohonan', en: 'revocation on request', extra: ['Surat permohonan pencabutan bermeterai', 'Izin asli'], days: 3,
  product: (licence) => `Keputusan pencabutan ${licence}`,
};
