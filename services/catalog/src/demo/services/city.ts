import { svc, type ServiceSpec } from '../spec.js';

/** Bapenda (the city's own taxes: PBB-P2, BPHTB, PBJT) and Disnaker (employment). */

const KTP = 'Fotokopi KTP-el wajib pajak';
const SPPT = 'Fotokopi SPPT PBB-P2 tahun berjalan';
const SERT = 'Fotokopi sertifikat tanah atau alas hak';
const NPWPD = 'NPWPD dan laporan omzet (SPTPD) masa pajak';
const PBB = (more: Partial<ServiceSpec> = {}) => ({ channels: ['langsung', 'digital'] as const, ...more });

export const REVENUE: readonly ServiceSpec[] = [
  svc('pbb-pembayaran', 'Pembayaran PBB-P2', 'Land and building tax (PBB-P2) payment', 5, { requirements: ['SPPT PBB-P2 atau Nomor Objek Pajak (NOP)'], product: 'Bukti pembayaran PBB-P2 (STTS)', fee: 'PBB-P2 terutang sesuai SPPT' }, { quota: 300, channels: ['langsung', 'digital', 'bergerak'] }),
  svc('pbb-salinan-sppt', 'Penerbitan Salinan SPPT PBB-P2', 'Copy of the land and building tax assessment', 5, { requirements: [KTP, 'Nomor Objek Pajak (NOP)'], product: 'Salinan SPPT PBB-P2' }, PBB()),
  svc('pbb-objek-baru', 'Pendaftaran Objek Pajak Baru PBB-P2', 'Registration of a new property for PBB-P2', 15, { requirements: [KTP, SERT, 'Formulir SPOP dan LSPOP', 'Fotokopi PBG/IMB (bila ada bangunan)'], product: 'SPPT PBB-P2 baru' }, PBB({ completionDays: 7 })),
  svc('pbb-mutasi', 'Mutasi Subjek dan Objek Pajak PBB-P2 (balik nama SPPT)', 'Change of taxpayer on the PBB-P2 assessment', 15, { requirements: [KTP, SERT, SPPT, 'Bukti lunas PBB-P2 lima tahun terakhir', 'Akta jual beli, hibah atau surat keterangan waris'], product: 'SPPT PBB-P2 atas nama baru' }, PBB({ completionDays: 7 })),
  svc('pbb-pemecahan', 'Pemecahan NOP PBB-P2', 'Splitting a PBB-P2 property number', 15, { requirements: [KTP, SERT, SPPT, 'Gambar denah pemecahan'], product: 'SPPT PBB-P2 hasil pemecahan' }, PBB({ completionDays: 7 })),
  svc('pbb-penggabungan', 'Penggabungan NOP PBB-P2', 'Merging PBB-P2 property numbers', 15, { requirements: [KTP, SERT, 'SPPT PBB-P2 seluruh objek yang digabung'], product: 'SPPT PBB-P2 hasil penggabungan' }, PBB({ completionDays: 7 })),
  svc('pbb-keberatan', 'Keberatan atas SPPT PBB-P2', 'Objection to a PBB-P2 assessment', 15, { requirements: [KTP, SPPT, 'Surat keberatan dengan alasan yang jelas', 'Bukti pendukung (sertifikat, foto objek)'], product: 'Surat Keputusan Keberatan' }, PBB({ completionDays: 60 })),
  svc('pbb-pengurangan', 'Pengurangan PBB-P2', 'PBB-P2 reduction', 15, { requirements: [KTP, SPPT, 'Surat permohonan pengurangan', 'Surat keterangan tidak mampu atau bukti kondisi objek'], product: 'Surat Keputusan Pengurangan PBB-P2' }, PBB({ completionDays: 30 })),
  svc('pbb-pembetulan', 'Pembetulan SPPT PBB-P2', 'Correction of a PBB-P2 assessment', 10, { requirements: [KTP, SPPT, 'Dokumen yang membuktikan kesalahan data'], product: 'SPPT PBB-P2 yang dibetulkan' }, PBB({ completionDays: 7 })),
  svc('pbb-keterangan-lunas', 'Surat Keterangan Lunas PBB-P2', 'PBB-P2 settlement statement', 5, { requirements: [KTP, SPPT, 'Bukti pembayaran lima tahun terakhir'], product: 'Surat Keterangan Lunas PBB-P2' }, PBB()),
  svc('pbb-informasi-njop', 'Informasi NJOP dan Tunggakan PBB-P2', 'Property value (NJOP) and arrears information', 5, { requirements: ['Nomor Objek Pajak (NOP)'], product: 'Informasi NJOP dan tunggakan' }, PBB()),
  svc('bphtb-validasi', 'Pelaporan dan Validasi BPHTB', 'Land and building acquisition duty (BPHTB) validation', 15, { requirements: [KTP, SERT, SPPT, 'Draf akta atau surat keterangan waris', 'Bukti setor BPHTB'], product: 'SSPD BPHTB tervalidasi', fee: 'BPHTB 5% × (NPOP − NPOPTKP) sesuai Perda Pajak Daerah' }, PBB({ quota: 60, completionDays: 2 })),
  svc('bphtb-pengurangan', 'Pengurangan BPHTB', 'BPHTB reduction', 15, { requirements: [KTP, 'SSPD BPHTB', 'Surat permohonan dengan alasan'], product: 'Surat Keputusan Pengurangan BPHTB' }, PBB({ completionDays: 30 })),
  svc('npwpd-pendaftaran', 'Pendaftaran Wajib Pajak Daerah (NPWPD)', 'Regional taxpayer registration', 15, { requirements: [KTP, 'NIB atau izin usaha', 'Formulir pendaftaran wajib pajak daerah'], product: 'Kartu NPWPD' }, PBB({ priority: 'none', completionDays: 1 })),
  svc('npwpd-penutupan', 'Penutupan NPWPD', 'Regional taxpayer deregistration', 10, { requirements: ['Kartu NPWPD', 'Surat pernyataan usaha tidak beroperasi'], product: 'Surat keterangan penutupan NPWPD' }, PBB({ priority: 'none', completionDays: 7 })),
  svc('pbjt-makan-minum', 'Pelaporan PBJT atas Makanan dan/atau Minuman', 'Food and beverage tax (PBJT) return', 10, { requirements: [NPWPD], product: 'Bukti penerimaan SPTPD dan kode bayar', fee: 'PBJT 10% dari pembayaran konsumen' }, PBB({ priority: 'none' })),
  svc('pbjt-perhotelan', 'Pelaporan PBJT atas Jasa Perhotelan', 'Hotel services tax (PBJT) return', 10, { requirements: [NPWPD], product: 'Bukti penerimaan SPTPD dan kode bayar', fee: 'PBJT 10% dari pembayaran konsumen' }, PBB({ priority: 'none' })),
  svc('pbjt-parkir', 'Pelaporan PBJT atas Jasa Parkir', 'Parking services tax (PBJT) return', 10, { requirements: [NPWPD], product: 'Bukti penerimaan SPTPD dan kode bayar', fee: 'PBJT 10% dari pembayaran konsumen' }, PBB({ priority: 'none' })),
  svc('pbjt-hiburan', 'Pelaporan PBJT atas Jasa Kesenian dan Hiburan', 'Entertainment tax (PBJT) return', 10, { requirements: [NPWPD], product: 'Bukti penerimaan SPTPD dan kode bayar', fee: 'PBJT sesuai Perda Pajak Daerah' }, PBB({ priority: 'none' })),
  svc('pajak-reklame', 'Penetapan Pajak Reklame', 'Advertisement tax assessment', 15, { requirements: [KTP, 'Desain dan ukuran reklame', 'Titik lokasi reklame'], product: 'SKPD pajak reklame', fee: 'Pajak reklame sesuai Perda Pajak Daerah' }, PBB({ priority: 'none' })),
  svc('pajak-air-tanah', 'Penetapan Pajak Air Tanah', 'Groundwater tax assessment', 15, { requirements: [NPWPD, 'Catatan meter air tanah'], product: 'SKPD pajak air tanah', fee: 'Pajak air tanah sesuai Perda Pajak Daerah' }, PBB({ priority: 'none' })),
  svc('penghapusan-sanksi-pajak', 'Penghapusan Sanksi Administratif Pajak Daerah', 'Regional tax penalty waiver', 15, { requirements: [KTP, 'Surat permohonan dengan alasan', 'Surat tagihan pajak daerah'], product: 'Surat Keputusan penghapusan sanksi' }, PBB({ completionDays: 30 })),
];

const PENCARI = ['KTP-el asli', 'Ijazah terakhir asli dan fotokopi', 'Pas foto berwarna 3x4 dua lembar'];
export const LABOUR: readonly ServiceSpec[] = [
  svc('kartu-ak1', 'Penerbitan Kartu Tanda Pencari Kerja (AK/1, kartu kuning)', 'Job seeker card (AK/1)', 10, { requirements: PENCARI, product: 'Kartu AK/1' }, { quota: 100, channels: ['langsung', 'digital'] }),
  svc('kartu-ak1-pembaruan', 'Pembaruan Kartu AK/1', 'Job seeker card renewal', 5, { requirements: ['Kartu AK/1 lama', 'KTP-el asli'], product: 'Kartu AK/1 yang diperbarui' }, { quota: 100, channels: ['langsung', 'digital'] }),
  svc('wlkp', 'Wajib Lapor Ketenagakerjaan di Perusahaan (WLKP)', 'Company employment report (WLKP)', 15, { requirements: ['NIB perusahaan', 'Data tenaga kerja'], product: 'Bukti lapor WLKP' }, { priority: 'none', channels: ['langsung', 'digital'] }),
  svc('pengesahan-peraturan-perusahaan', 'Pengesahan Peraturan Perusahaan', 'Approval of company regulations', 20, { requirements: ['Draf peraturan perusahaan', 'Bukti WLKP', 'Tanggapan wakil pekerja'], product: 'Surat Keputusan Pengesahan Peraturan Perusahaan' }, { priority: 'none', completionDays: 30 }),
  svc('pendaftaran-pkb', 'Pendaftaran Perjanjian Kerja Bersama', 'Registration of a collective labour agreement', 20, { requirements: ['Naskah PKB yang ditandatangani', 'Bukti pencatatan serikat pekerja'], product: 'Surat Keputusan Pendaftaran PKB' }, { priority: 'none', completionDays: 6 }),
  svc('pencatatan-serikat-pekerja', 'Pencatatan Serikat Pekerja/Serikat Buruh', 'Registration of a trade union', 15, { requirements: ['Anggaran dasar dan anggaran rumah tangga', 'Daftar pengurus dan anggota'], product: 'Bukti pencatatan dan nomor bukti pencatatan' }, { priority: 'none', completionDays: 21 }),
  svc('mediasi-hubungan-industrial', 'Pencatatan dan Mediasi Perselisihan Hubungan Industrial', 'Industrial dispute registration and mediation', 30, { requirements: ['Surat permohonan pencatatan perselisihan', 'Risalah perundingan bipartit'], product: 'Anjuran atau perjanjian bersama' }, { completionDays: 30 }),
  svc('pelatihan-kerja', 'Pendaftaran Pelatihan Berbasis Kompetensi', 'Registration for competency-based training', 10, { requirements: PENCARI, product: 'Bukti pendaftaran pelatihan' }, { channels: ['langsung', 'digital'] }),
  svc('informasi-lowongan', 'Informasi Lowongan Kerja dan Penempatan', 'Job vacancy information and placement', 10, { requirements: ['Kartu AK/1'], product: 'Informasi lowongan dan surat pengantar' }, { channels: ['langsung', 'digital'] }),
  svc('rekomendasi-cpmi', 'Rekomendasi Paspor bagi Calon Pekerja Migran Indonesia', 'Passport recommendation for prospective migrant workers', 15, { requirements: [...PENCARI.slice(0, 1), 'Kartu Keluarga', 'Surat izin keluarga diketahui lurah', 'Perjanjian penempatan'], product: 'Surat rekomendasi paspor CPMI' }, { completionDays: 1 }),
  svc('pengaduan-ketenagakerjaan', 'Konsultasi dan Pengaduan Ketenagakerjaan (upah, THR)', 'Employment advice and complaints (wages, holiday bonus)', 20, { requirements: ['KTP-el', 'Bukti hubungan kerja (kontrak, slip gaji)'], product: 'Tanda terima dan tindak lanjut pengaduan' }),
];
