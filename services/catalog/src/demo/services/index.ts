import type { ServiceSpec } from '../spec.js';
import { IMMIGRATION, LAND, RELIGION, TAX } from './central.js';
import { LABOUR, REVENUE } from './city.js';
import { BRI, PAWNSHOP, POST, REGIONAL_BANK, WATER } from './companies.js';
import { licensingServices } from './licensing.js';
import { POPULATION } from './population.js';
import { HEALTH_INSURANCE, WORKERS_INSURANCE } from './social-security.js';
import { POLICE, SAMSAT } from './vehicles-police.js';

/** Each agency's jenis layanan, by agency code; an agency still onboarding has none. */
export function serviceCatalogue(): ReadonlyMap<string, readonly ServiceSpec[]> {
  return new Map<string, readonly ServiceSpec[]>([
    ['disdukcapil-kendari', POPULATION],
    ['dpmptsp-kendari', licensingServices()],
    ['bapenda-kendari', REVENUE],
    ['samsat-sultra', SAMSAT],
    ['polres-kendari', POLICE],
    ['imigrasi-kendari', IMMIGRATION],
    ['kpp-pratama-kendari', TAX],
    ['bpn-kendari', LAND],
    ['kemenag-kendari', RELIGION],
    ['disnaker-kendari', LABOUR],
    ['bpjs-kesehatan', HEALTH_INSURANCE],
    ['bpjs-ketenagakerjaan', WORKERS_INSURANCE],
    ['pos-indonesia', POST],
    ['bri', BRI],
    ['pegadaian', PAWNSHOP],
    ['pdam-kendari', WATER],
    ['bank-sultra', REGIONAL_BANK],
  ]);
}
