import type { MessageInitShape } from '@bufbuild/protobuf';
import type { InternalStandardSchema, PublicStandardSchema } from '@mpp/contracts';
import type { AgencySpec } from './agencies.js';
import type { ServiceSpec } from './spec.js';

/**
 * The Standar Pelayanan of each service (PermenPANRB 15/2014): the six public components come
 * from the service's row (requirements, product, fee) and from templates that follow how it is
 * delivered; the eight internal ones are the agency's template. Text is Bahasa Indonesia, as
 * published to citizens, so search finds "Fotokopi Kartu Keluarga".
 */

export function publicStandard(spec: ServiceSpec, agency: AgencySpec): MessageInitShape<typeof PublicStandardSchema> {
  return {
    requirements: [...spec.standard.requirements],
    procedure: procedure(spec, agency),
    completionTime: spec.completionDays
      ? `${spec.completionDays} hari kerja sejak berkas dinyatakan lengkap dan benar`
      : `${spec.minutes} menit di loket sejak berkas dinyatakan lengkap dan benar`,
    fee: spec.standard.fee ?? 'Gratis',
    product: spec.standard.product,
    complaintHandling: complaintHandling(agency),
  };
}

function procedure(spec: ServiceSpec, agency: AgencySpec): string {
  const channels = spec.channels ?? ['langsung'];
  const steps = channels.includes('langsung')
    ? [
        'Ambil nomor antrian di anjungan MPP atau melalui aplikasi',
        `Tunggu panggilan ke loket ${agency.short} pada papan antrian`,
        'Serahkan persyaratan kepada petugas untuk diverifikasi',
        ...(spec.completionDays
          ? ['Petugas mencatat permohonan dan memberikan tanda terima dengan nomor registrasi', 'Pantau status permohonan melalui tiket atau aplikasi', `Ambil produk layanan (${spec.standard.product}) di loket setelah dinyatakan selesai`]
          : ['Petugas memproses permohonan', `Terima produk layanan: ${spec.standard.product}`]),
      ]
    : channels.includes('mandiri')
      ? ['Datang ke anjungan mandiri di MPP', 'Masukkan data sesuai petunjuk layar', `Terima produk layanan: ${spec.standard.product}`]
      : ['Daftar sesuai jadwal MPP Bergerak atau melalui kelurahan', 'Petugas datang dan memverifikasi persyaratan', `Terima produk layanan: ${spec.standard.product}`];
  const also = [
    ...(channels.includes('digital') ? ['Permohonan juga dapat diajukan secara daring.'] : []),
    ...(channels.includes('mandiri') && channels.includes('langsung') ? ['Tersedia pula anjungan mandiri.'] : []),
    ...(channels.includes('bergerak') && channels.length > 1 ? ['Layanan juga tersedia pada jadwal MPP Bergerak di kantor kecamatan.'] : []),
  ];
  return [steps.map((s, i) => `${i + 1}. ${s}.`).join(' '), ...also].join(' ');
}

function complaintHandling(agency: AgencySpec): string {
  const own = agency.complaintLine ? `, ${agency.complaintLine}` : '';
  return `Pengaduan disampaikan melalui SP4N-LAPOR! (www.lapor.go.id, SMS 1708), meja pengaduan dan kotak saran MPP Kota Kendari${own}, atau langsung kepada koordinator gerai ${agency.short}; ditanggapi paling lambat 3 hari dan diselesaikan paling lambat 5 hari kerja.`;
}

/** The eight internal components: the same for every service of an agency. */
export function internalStandard(agency: AgencySpec, counters: number): MessageInitShape<typeof InternalStandardSchema> {
  return {
    legalBasis: `UU 25/2009 tentang Pelayanan Publik; Perpres 89/2021 tentang Mal Pelayanan Publik; ${agency.legalBasis}`,
    facilities: `Gerai ${agency.short} dengan ${counters} loket, komputer dan jaringan layanan; ruang tunggu ber-AC, kursi prioritas, anjungan antrian, toilet dan akses kursi roda, ruang laktasi dan area bermain anak di gedung MPP`,
    staffCompetence: `Petugas ${agency.short} yang memahami standar pelayanan, peraturan dan aplikasi layanan terkait, serta telah mengikuti pelatihan pelayanan prima`,
    internalSupervision: `Pengawasan melekat oleh pimpinan ${agency.short} dan koordinator MPP; evaluasi harian atas antrian dan waktu layanan`,
    staffCount: `${agency.officers} orang petugas pada ${counters} loket`,
    serviceGuarantee: `Maklumat pelayanan ${agency.short} yang dipajang di gerai: layanan diberikan sesuai standar ini, tanpa pungutan di luar ketentuan`,
    securityAndSafety: 'Kerahasiaan data pribadi pemohon sesuai UU 27/2022; dokumen disimpan aman; CCTV, APAR dan jalur evakuasi di gedung MPP',
    performanceEvaluation: 'Survei Kepuasan Masyarakat (SKM) setiap triwulan sesuai PermenPANRB 14/2017 dan evaluasi kinerja gerai setiap semester',
  };
}
