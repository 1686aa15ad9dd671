import { svc, type ServiceSpec } from '../spec.js';

/**
 * Samsat (vehicle tax and registration) and Polresta (police records and driving licences).
 * Fees follow PP 76/2020 (PNBP Polri) and the province's vehicle tax; where the amount depends
 * on the vehicle, the standard says how it is computed.
 */

const KTP = 'KTP-el asli pemilik sesuai STNK';
const STNK = 'STNK asli';
const BPKB = 'BPKB asli dan fotokopi';
const CEK_FISIK = 'Hasil cek fisik kendaraan (gesek nomor rangka dan mesin)';
const PKB = 'PKB sesuai NJKB dan bobot kendaraan (Perda Provinsi Sulawesi Tenggara) ditambah SWDKLLJ Jasa Raharja';
const STNK_FEE = 'STNK Rp100.000 (roda 2/3) atau Rp200.000 (roda 4 atau lebih); TNKB Rp60.000 (roda 2/3) atau Rp100.000 (roda 4 atau lebih) sesuai PP 76/2020';
const BPKB_FEE = 'BPKB Rp225.000 (roda 2/3) atau Rp375.000 (roda 4 atau lebih) sesuai PP 76/2020, ditambah BBNKB sesuai Perda Provinsi';

export const SAMSAT: readonly ServiceSpec[] = [
  svc('pkb-tahunan', 'Pengesahan STNK dan Pembayaran PKB Tahunan', 'Annual vehicle tax payment and registration endorsement', 7, { requirements: [KTP, STNK], product: 'STNK yang disahkan dan bukti pelunasan PKB/SWDKLLJ', fee: PKB }, { quota: 300, channels: ['langsung', 'digital', 'bergerak'] }),
  svc('stnk-lima-tahunan', 'Penggantian STNK dan TNKB Lima Tahunan', 'Five-yearly renewal of registration and number plates', 15, { requirements: [KTP, STNK, BPKB, CEK_FISIK], product: 'STNK baru dan TNKB baru', fee: `${PKB}; ${STNK_FEE}` }, { quota: 150, completionDays: 1 }),
  svc('kendaraan-baru', 'Pendaftaran Kendaraan Bermotor Baru (BBNKB I)', 'Registration of a new motor vehicle', 20, { requirements: [KTP, 'Faktur pembelian kendaraan', 'Sertifikat uji tipe (SUT) dan SRUT', CEK_FISIK], product: 'STNK, TNKB dan BPKB', fee: `${BPKB_FEE}; ${STNK_FEE}` }, { priority: 'none', completionDays: 7 }),
  svc('balik-nama', 'Balik Nama Kendaraan Dalam Provinsi (BBNKB II)', 'Change of vehicle owner within the province', 20, { requirements: ['KTP-el pemilik baru', STNK, BPKB, 'Kuitansi jual beli bermeterai', CEK_FISIK], product: 'STNK dan BPKB atas nama pemilik baru', fee: `${PKB}; BBNKB II sesuai Perda Provinsi; ${STNK_FEE}` }, { completionDays: 7 }),
  svc('mutasi-masuk', 'Mutasi Kendaraan Masuk dari Luar Provinsi', 'Vehicle transfer into the province', 20, { requirements: [KTP, 'Berkas mutasi (surat keterangan fiskal antardaerah) dari Samsat asal', BPKB, CEK_FISIK], product: 'STNK dan TNKB Sulawesi Tenggara', fee: `${PKB}; ${STNK_FEE}` }, { completionDays: 7 }),
  svc('mutasi-keluar', 'Mutasi Kendaraan Keluar Provinsi (cabut berkas)', 'Vehicle transfer out of the province', 15, { requirements: [KTP, STNK, BPKB, CEK_FISIK, 'Bukti pelunasan PKB tahun berjalan'], product: 'Berkas mutasi dan surat keterangan fiskal antardaerah', fee: 'Gratis; PKB tahun berjalan wajib lunas' }, { completionDays: 3 }),
  svc('stnk-hilang', 'Penggantian STNK Hilang', 'Replacement of a lost registration card', 15, { requirements: [KTP, 'Surat keterangan kehilangan dari kepolisian', BPKB, CEK_FISIK], product: 'STNK pengganti', fee: STNK_FEE }, { completionDays: 1 }),
  svc('stnk-rusak', 'Penggantian STNK Rusak', 'Replacement of a damaged registration card', 10, { requirements: [KTP, 'STNK yang rusak', BPKB], product: 'STNK pengganti', fee: STNK_FEE }),
  svc('tnkb-hilang-rusak', 'Penggantian TNKB Hilang atau Rusak', 'Replacement of lost or damaged number plates', 10, { requirements: [KTP, STNK, 'Surat keterangan kehilangan atau TNKB yang rusak'], product: 'TNKB pengganti', fee: 'TNKB Rp60.000 (roda 2/3) atau Rp100.000 (roda 4 atau lebih) sesuai PP 76/2020' }, { completionDays: 3 }),
  svc('ubah-bentuk', 'Perubahan Bentuk Kendaraan', 'Change of vehicle body type', 20, { requirements: [KTP, STNK, BPKB, 'Surat rekomendasi perubahan bentuk dari Dinas Perhubungan', CEK_FISIK], product: 'STNK dan BPKB dengan data baru', fee: STNK_FEE }, { completionDays: 7 }),
  svc('ubah-warna', 'Perubahan Warna Kendaraan', 'Change of vehicle colour', 15, { requirements: [KTP, STNK, BPKB, 'Surat keterangan dari bengkel pengecatan', CEK_FISIK], product: 'STNK dan BPKB dengan warna baru', fee: STNK_FEE }, { completionDays: 7 }),
  svc('ganti-mesin', 'Penggantian Mesin Kendaraan', 'Engine replacement registration', 20, { requirements: [KTP, STNK, BPKB, 'Kuitansi pembelian mesin dan surat keterangan bengkel', CEK_FISIK], product: 'STNK dan BPKB dengan nomor mesin baru', fee: STNK_FEE }, { completionDays: 7 }),
  svc('ubah-alamat', 'Perubahan Alamat Pemilik Kendaraan', 'Change of owner address', 10, { requirements: ['KTP-el dengan alamat baru', STNK, BPKB], product: 'STNK dengan alamat baru', fee: STNK_FEE }),
  svc('blokir-kendaraan', 'Pemblokiran Data Kendaraan (sudah dijual)', 'Blocking a sold vehicle’s record', 5, { requirements: [KTP, 'Fotokopi STNK', 'Surat pernyataan penjualan kendaraan'], product: 'Data kendaraan terblokir (pajak progresif tidak dikenakan)' }),
  svc('buka-blokir', 'Pembukaan Blokir Data Kendaraan', 'Unblocking a vehicle record', 5, { requirements: [KTP, STNK, 'Surat pernyataan bermeterai'], product: 'Data kendaraan aktif kembali' }),
  svc('info-tunggakan', 'Informasi Tunggakan PKB', 'Vehicle tax arrears information', 5, { requirements: ['Nomor polisi kendaraan'], product: 'Rincian tunggakan PKB dan denda' }, { quota: 0, channels: ['langsung', 'digital'] }),
  svc('keringanan-pkb', 'Permohonan Keringanan atau Penghapusan Sanksi PKB', 'Vehicle tax relief or penalty waiver', 15, { requirements: [KTP, STNK, 'Surat permohonan bermeterai dengan alasan'], product: 'Keputusan keringanan atau penghapusan sanksi' }, { completionDays: 5 }),
  svc('kendaraan-dinas', 'Pengesahan STNK Kendaraan Dinas', 'Annual endorsement for government vehicles', 10, { requirements: ['Surat tugas dari instansi pemilik', STNK], product: 'STNK kendaraan dinas yang disahkan', fee: 'Gratis (kendaraan dinas dibebaskan PKB); SWDKLLJ sesuai tarif Jasa Raharja' }, { priority: 'none' }),
  svc('santunan-jasa-raharja', 'Pengajuan Santunan Kecelakaan Lalu Lintas (Jasa Raharja)', 'Road-accident compensation claim (Jasa Raharja)', 20, { requirements: ['Laporan polisi atas kecelakaan', 'KTP-el dan KK korban atau ahli waris', 'Kuitansi biaya perawatan atau akta kematian'], product: 'Santunan ditransfer ke rekening korban atau ahli waris' }, { completionDays: 5 }),
  svc('pajak-alat-berat', 'Pendaftaran dan Pembayaran Pajak Alat Berat', 'Heavy equipment tax', 15, { requirements: ['Dokumen kepemilikan alat berat', 'NPWP dan akta badan usaha'], product: 'Surat ketetapan dan bukti bayar pajak alat berat', fee: 'Pajak alat berat sesuai Perda Provinsi Sulawesi Tenggara' }, { priority: 'none' }),
  svc('tnkb-nomor-pilihan', 'Permohonan TNKB Nomor Pilihan', 'Request for a chosen number plate', 15, { requirements: [KTP, STNK, BPKB, 'Bukti pembayaran PNBP nomor pilihan'], product: 'TNKB dengan nomor pilihan', fee: 'PNBP nomor registrasi pilihan sesuai PP 76/2020' }, { completionDays: 7 }),
];

const SIM_REQ = ['KTP-el asli', 'SIM lama yang masih berlaku', 'Surat keterangan sehat jasmani dari dokter', 'Surat keterangan lulus tes psikologi'];
const sim = (code: string, golongan: string, fee: string, channels: ServiceSpec['channels'] = ['langsung', 'digital']) =>
  svc(`sim-${code}-perpanjangan`, `Perpanjangan SIM ${golongan}`, `Driving licence renewal, class ${golongan}`, 15, { requirements: SIM_REQ, product: `SIM ${golongan}`, fee: `${fee} sesuai PP 76/2020 (belum termasuk tes kesehatan dan psikologi)` }, { quota: 60, channels });

export const POLICE: readonly ServiceSpec[] = [
  svc('skck-baru', 'Penerbitan SKCK Baru', 'Police clearance certificate (SKCK)', 15, { requirements: ['KTP-el asli dan fotokopi', 'Fotokopi Kartu Keluarga', 'Fotokopi akta kelahiran atau ijazah terakhir', 'Kartu sidik jari (dapat dibuat di loket)', 'Pas foto berwarna 4x6 latar merah 6 lembar'], product: 'Surat Keterangan Catatan Kepolisian (SKCK)', fee: 'Rp30.000 sesuai PP 76/2020' }, { quota: 150, channels: ['langsung', 'digital'] }),
  svc('skck-perpanjangan', 'Perpanjangan SKCK', 'Police clearance certificate renewal', 10, { requirements: ['SKCK lama (lembar kuning) yang habis masa berlakunya paling lama 1 tahun', 'KTP-el asli dan fotokopi', 'Pas foto berwarna 4x6 latar merah 2 lembar'], product: 'Surat Keterangan Catatan Kepolisian (SKCK)', fee: 'Rp30.000 sesuai PP 76/2020' }, { quota: 150, channels: ['langsung', 'digital'] }),
  svc('sidik-jari', 'Pengambilan Sidik Jari', 'Fingerprint taking', 10, { requirements: ['KTP-el asli', 'Fotokopi Kartu Keluarga'], product: 'Kartu sidik jari (AK-23)' }),
  sim('a', 'A', 'Rp80.000'),
  sim('a-umum', 'A Umum', 'Rp80.000'),
  sim('b1', 'B I', 'Rp80.000'),
  sim('b1-umum', 'B I Umum', 'Rp80.000'),
  sim('b2', 'B II', 'Rp80.000'),
  sim('b2-umum', 'B II Umum', 'Rp80.000'),
  sim('c', 'C', 'Rp75.000', ['langsung', 'digital', 'bergerak']),
  sim('c1', 'C I', 'Rp75.000'),
  sim('d', 'D (penyandang disabilitas)', 'Rp30.000'),
  svc('sim-hilang-rusak', 'Penggantian SIM Hilang atau Rusak', 'Replacement of a lost or damaged driving licence', 15, { requirements: ['KTP-el asli', 'Surat keterangan kehilangan dari kepolisian atau SIM yang rusak', 'Surat keterangan sehat jasmani dari dokter'], product: 'SIM pengganti', fee: 'Sama dengan tarif perpanjangan SIM sesuai golongan (PP 76/2020)' }),
  svc('laporan-kehilangan', 'Surat Keterangan Tanda Lapor Kehilangan', 'Lost-property report certificate', 10, { requirements: ['KTP-el asli', 'Keterangan barang atau dokumen yang hilang'], product: 'Surat keterangan tanda lapor kehilangan' }, { quota: 100 }),
  svc('izin-keramaian', 'Surat Izin Keramaian', 'Public event permit', 15, { requirements: ['Surat permohonan penyelenggara', 'KTP-el penanggung jawab', 'Surat persetujuan lingkungan (RT/RW, kelurahan)', 'Rundown acara'], product: 'Surat izin keramaian', fee: 'Gratis' }, { priority: 'none', completionDays: 3 }),
  svc('pengaduan-masyarakat', 'Pengaduan Masyarakat (Dumas)', 'Public complaint to the police', 15, { requirements: ['KTP-el pelapor', 'Kronologi kejadian dan bukti pendukung'], product: 'Surat tanda terima pengaduan' }),
  svc('konfirmasi-etle', 'Konfirmasi dan Informasi Tilang Elektronik (ETLE)', 'Electronic traffic ticket (ETLE) confirmation', 10, { requirements: ['Surat konfirmasi ETLE', 'KTP-el dan STNK kendaraan'], product: 'Konfirmasi pelanggaran dan kode pembayaran denda', fee: 'Denda sesuai putusan pengadilan' }, { channels: ['langsung', 'digital'] }),
];
