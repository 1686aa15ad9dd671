import { svc, type ServiceSpec } from '../spec.js';

/** BPJS Kesehatan (national health insurance, JKN) and BPJS Ketenagakerjaan (workers' social security). */

const KTP = 'KTP-el asli';
const KK = 'Kartu Keluarga';
const KARTU = 'Kartu JKN-KIS atau nomor peserta';
const JKN = ['langsung', 'digital'] as const;

export const HEALTH_INSURANCE: readonly ServiceSpec[] = [
  svc('jkn-pendaftaran-mandiri', 'Pendaftaran Peserta JKN Mandiri (PBPU)', 'Self-paying national health insurance (JKN) enrolment', 15, { requirements: [KTP, KK, 'Buku tabungan untuk autodebet iuran', 'Alamat email dan nomor telepon aktif'], product: 'Nomor peserta dan kartu JKN-KIS digital', fee: 'Gratis; iuran bulanan sesuai kelas' }, { quota: 100, channels: ['langsung', 'digital', 'bergerak'] }),
  svc('jkn-perubahan-data', 'Perubahan Data Peserta JKN', 'Health insurance member data change', 10, { requirements: [KARTU, KTP, KK], product: 'Data peserta mutakhir' }, { quota: 150, channels: ['langsung', 'digital', 'bergerak'] }),
  svc('jkn-pindah-faskes', 'Perubahan Fasilitas Kesehatan Tingkat Pertama (FKTP)', 'Change of primary care provider', 5, { requirements: [KARTU, 'Sudah terdaftar di FKTP lama minimal 3 bulan'], product: 'FKTP baru berlaku bulan berikutnya' }, { channels: JKN }),
  svc('jkn-tambah-anggota', 'Penambahan Anggota Keluarga Peserta JKN', 'Adding family members', 10, { requirements: [KARTU, KK, 'KTP-el atau akta kelahiran anggota yang ditambah'], product: 'Nomor peserta anggota keluarga' }, { channels: JKN }),
  svc('jkn-bayi-baru-lahir', 'Pendaftaran Bayi Baru Lahir', 'Newborn enrolment', 10, { requirements: ['Surat keterangan lahir', KK, 'Kartu JKN-KIS ibu'], product: 'Nomor peserta bayi' }, { channels: JKN }),
  svc('jkn-perubahan-kelas', 'Perubahan Kelas Rawat Peserta Mandiri', 'Change of care class (self-paying members)', 10, { requirements: [KARTU, 'Sudah satu tahun di kelas sebelumnya'], product: 'Kelas rawat baru' }, { channels: JKN }),
  svc('jkn-reaktivasi', 'Reaktivasi Kepesertaan JKN', 'Reactivation of health insurance membership', 10, { requirements: [KARTU, KTP, 'Bukti pelunasan tunggakan iuran'], product: 'Status kepesertaan aktif' }, { channels: JKN }),
  svc('jkn-rehab', 'Rencana Pembayaran Bertahap Tunggakan Iuran (REHAB)', 'Instalment plan for contribution arrears', 10, { requirements: [KARTU], product: 'Jadwal pembayaran bertahap' }, { channels: JKN }),
  svc('jkn-cetak-kartu', 'Penerbitan Kartu JKN-KIS', 'Health insurance card issue', 5, { requirements: [KARTU, KTP], product: 'Kartu JKN-KIS' }),
  svc('jkn-pengalihan-pemda', 'Pengalihan Peserta ke Segmen PBPU Pemda (UHC Kota Kendari)', 'Transfer to city-paid membership (UHC)', 10, { requirements: [KTP, KK, 'Surat rekomendasi Dinas Sosial atau kelurahan'], product: 'Kepesertaan JKN yang iurannya dibayar Pemerintah Kota' }, { channels: ['langsung', 'bergerak'] }),
  svc('jkn-badan-usaha', 'Pendaftaran Badan Usaha sebagai Pemberi Kerja', 'Employer registration', 15, { requirements: ['NIB dan akta pendirian', 'Data pekerja dan anggota keluarga'], product: 'Kode badan usaha dan nomor peserta pekerja' }, { priority: 'none', channels: JKN }),
  svc('jkn-mutasi-ppu', 'Mutasi Peserta Pekerja Penerima Upah (PPU)', 'Transfer of an employed member', 10, { requirements: [KARTU, 'Surat keterangan dari pemberi kerja'], product: 'Segmen kepesertaan mutakhir' }, { channels: JKN }),
  svc('jkn-autodebet', 'Pendaftaran Autodebet Iuran', 'Direct debit of contributions', 5, { requirements: [KARTU, 'Buku tabungan'], product: 'Autodebet iuran aktif' }, { channels: JKN }),
  svc('jkn-informasi', 'Informasi dan Konsultasi JKN', 'Health insurance information', 10, { requirements: ['Tidak ada persyaratan khusus'], product: 'Informasi layanan JKN' }, { channels: JKN }),
  svc('jkn-pengaduan', 'Penanganan Pengaduan Peserta JKN', 'Member complaints', 15, { requirements: [KARTU, 'Kronologi dan bukti pendukung'], product: 'Tanda terima dan penyelesaian pengaduan' }, { channels: JKN }),
];

const PESERTA = 'Kartu peserta BPJS Ketenagakerjaan atau nomor peserta';
const JMO = ['langsung', 'digital'] as const;
export const WORKERS_INSURANCE: readonly ServiceSpec[] = [
  svc('bpu-pendaftaran', 'Pendaftaran Peserta Bukan Penerima Upah (BPU)', 'Enrolment of self-employed workers', 10, { requirements: [KTP, 'Nomor telepon aktif'], product: 'Kartu peserta digital', fee: 'Gratis; iuran mulai Rp16.800 per bulan (JKK dan JKM)' }, { quota: 100, channels: ['langsung', 'digital', 'bergerak'] }),
  svc('pu-pendaftaran-badan-usaha', 'Pendaftaran Perusahaan dan Pekerja Penerima Upah', 'Employer and employee enrolment', 15, { requirements: ['NIB dan akta pendirian', 'Data pekerja dan upah'], product: 'Nomor pendaftaran perusahaan dan kartu peserta' }, { priority: 'none', channels: JMO }),
  svc('jht-klaim', 'Klaim Jaminan Hari Tua (JHT)', 'Old-age savings (JHT) claim', 15, { requirements: [PESERTA, KTP, 'Surat keterangan berhenti bekerja atau paklaring', 'Buku tabungan'], product: 'Saldo JHT ditransfer ke rekening peserta' }, { quota: 80, channels: JMO, completionDays: 5 }),
  svc('jht-klaim-sebagian', 'Klaim JHT Sebagian (10% atau 30%)', 'Partial old-age savings claim', 15, { requirements: [PESERTA, KTP, 'Surat keterangan masih aktif bekerja', 'Buku tabungan'], product: 'Sebagian saldo JHT ditransfer' }, { channels: JMO, completionDays: 5 }),
  svc('jkm-klaim', 'Klaim Jaminan Kematian (JKM)', 'Death benefit claim', 20, { requirements: [PESERTA, 'Akta kematian', 'KTP-el dan KK ahli waris', 'Surat keterangan ahli waris', 'Buku tabungan ahli waris'], product: 'Santunan kematian ditransfer ke ahli waris' }, { completionDays: 5 }),
  svc('jkk-klaim', 'Klaim Jaminan Kecelakaan Kerja (JKK)', 'Work accident benefit claim', 20, { requirements: [PESERTA, 'Laporan kecelakaan kerja tahap I dan II', 'Kuitansi dan resume medis'], product: 'Penggantian biaya dan santunan' }, { completionDays: 7 }),
  svc('jp-klaim', 'Klaim Jaminan Pensiun (JP)', 'Pension benefit claim', 20, { requirements: [PESERTA, KTP, KK, 'Surat keterangan pensiun atau berhenti bekerja', 'Buku tabungan'], product: 'Manfaat pensiun berkala atau sekaligus' }, { completionDays: 5 }),
  svc('jkp-klaim', 'Klaim Jaminan Kehilangan Pekerjaan (JKP)', 'Job loss benefit claim', 15, { requirements: [PESERTA, 'Bukti pemutusan hubungan kerja', 'Akun SIAPkerja'], product: 'Manfaat uang tunai JKP' }, { channels: JMO, completionDays: 7 }),
  svc('beasiswa-anak-peserta', 'Pengajuan Beasiswa Pendidikan Anak Peserta', 'Education benefit for members’ children', 15, { requirements: [PESERTA, KK, 'Surat keterangan aktif sekolah', 'Buku tabungan anak atau wali'], product: 'Manfaat beasiswa ditransfer' }, { completionDays: 7 }),
  svc('bpjstk-perubahan-data', 'Perubahan Data Peserta BPJS Ketenagakerjaan', 'Workers’ insurance member data change', 10, { requirements: [PESERTA, KTP, KK], product: 'Data peserta mutakhir' }, { channels: JMO }),
  svc('bpjstk-cetak-kartu', 'Penerbitan Kartu Peserta BPJS Ketenagakerjaan', 'Workers’ insurance card issue', 5, { requirements: [PESERTA, KTP], product: 'Kartu peserta' }),
  svc('informasi-saldo-jht', 'Informasi Saldo JHT', 'Old-age savings balance', 5, { requirements: [PESERTA, KTP], product: 'Informasi saldo JHT' }, { channels: JMO }),
  svc('pmi-pendaftaran', 'Pendaftaran Pekerja Migran Indonesia', 'Enrolment of Indonesian migrant workers', 15, { requirements: [KTP, 'Paspor', 'Perjanjian kerja atau perjanjian penempatan'], product: 'Kartu peserta PMI' }),
  svc('jasa-konstruksi', 'Pendaftaran Pekerja Jasa Konstruksi', 'Enrolment of construction project workers', 15, { requirements: ['Surat perintah kerja atau kontrak proyek', 'Nilai kontrak'], product: 'Sertifikat kepesertaan proyek' }, { priority: 'none', channels: JMO }),
];
