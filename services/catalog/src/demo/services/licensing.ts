import { pick, seeded } from '../prng.js';
import { svc, type ChannelName, type ServiceSpec } from '../spec.js';
import type { LicenceFamily } from './licence-family.js';
import { BUSINESS_FAMILIES } from './licensing-business.js';
import { SECTOR_FAMILIES, SINGLE_SERVICES } from './licensing-sectors.js';

/**
 * DPMPTSP, the licensing office that also runs the MPP, really lists hundreds of permit types:
 * every kind of business, health profession, school, building function, advertisement… each to
 * be issued, changed, renewed or revoked. The demo builds them as families × items × actions
 * ("Surat Izin Praktik" × "Bidan" × "Perpanjangan"), as the office's own lists read.
 */

const ONLINE: readonly ChannelName[] = ['langsung', 'digital'];

/** The services of one family, in items × actions order. */
function expand(family: LicenceFamily, random: () => number): ServiceSpec[] {
  return family.items.flatMap((item) =>
    family.actions.map((action) => {
      const byItem = family.naming === 'item';
      const licence = byItem ? item.id : `${family.product} ${item.id}`;
      const days = action.days ?? item.days ?? family.days;
      return svc(
        `${family.code}-${item.code}-${action.code}`,
        byItem ? `${item.id} (${action.id})` : `${family.id} ${item.id} (${action.id})`,
        byItem ? `${item.en} (${action.en})` : `${family.en}: ${item.en} (${action.en})`,
        // Counters differ a little from the family's typical time: ±5 minutes, never under 5.
        Math.max(5, family.minutes + pick(random, [-5, 0, 0, 5])),
        { requirements: [...family.requirements, ...(item.extra ?? []), ...action.extra], product: action.product ? action.product(licence) : licence, ...(family.fee ? { fee: family.fee } : {}) },
        { quota: family.quota ?? 0, channels: family.channels ?? ONLINE, completionDays: days },
      );
    }),
  );
}

/** The licensing office's services: generated families, then the single services. */
export function licensingServices(): ServiceSpec[] {
  const random = seeded(2021);
  return [...[...BUSINESS_FAMILIES, ...SECTOR_FAMILIES].flatMap((f) => expand(f, random)), ...SINGLE_SERVICES];
}
