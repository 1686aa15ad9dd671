import { svc, type ServiceSpec } from '../spec.js';
import { CHANGE, items, NEW, RENEWAL, type LicenceAction, type LicenceFamily } from './licence-family.js';

/** Non-business licences the licensing office issues for the city's sector offices (health, education, works, environment…). */

const KTP = 'KTP-el pemohon';
const NIB = 'NIB yang telah terbit';
const MOVE: LicenceAction = { code: 'pindah', id: 'Pindah Tempat Praktik', en: 'change of practice location', extra: ['SIP lama asli', 'Surat keterangan dari fasilitas pelayanan kesehatan tempat praktik yang baru'] };
const FOUNDING: LicenceAction = { code: 'pendirian', id: 'Pendirian', en: 'establishment', extra: ['Studi kelayakan pendirian'] };

const PRACTICE: LicenceFamily = {
  code: 'sip', id: 'Surat Izin Praktik', en: 'Practice licence', minutes: 15, days: 5, quota: 30, product: 'Surat Izin Praktik (SIP)',
  requirements: [KTP, 'Surat Tanda Registrasi (STR) yang berlaku', 'Surat keterangan dari pimpinan fasilitas pelayanan kesehatan tempat praktik', 'Surat keterangan sehat dari dokter', 'Pas foto berwarna 4x6 dua lembar'],
  actions: [NEW, RENEWAL, MOVE],
  items: items([
    ['dokter', 'Dokter', 'Physician'],
    ['dokter-spesialis', 'Dokter Spesialis', 'Specialist physician'],
    ['dokter-gigi', 'Dokter Gigi', 'Dentist'],
    ['dokter-gigi-spesialis', 'Dokter Gigi Spesialis', 'Specialist dentist'],
    ['bidan', 'Bidan', 'Midwife'],
    ['perawat', 'Perawat', 'Nurse'],
    ['apoteker', 'Apoteker', 'Pharmacist'],
    ['ttk', 'Tenaga Teknis Kefarmasian', 'Pharmacy technician'],
    ['fisioterapis', 'Fisioterapis', 'Physiotherapist'],
    ['nutrisionis', 'Nutrisionis dan Dietisien', 'Nutritionist and dietitian'],
    ['perekam-medis', 'Perekam Medis dan Informasi Kesehatan', 'Medical records officer'],
    ['radiografer', 'Radiografer', 'Radiographer'],
    ['atlm', 'Ahli Teknologi Laboratorium Medik', 'Medical laboratory technologist'],
    ['terapis-gigi', 'Terapis Gigi dan Mulut', 'Dental therapist'],
    ['penata-anestesi', 'Penata Anestesi', 'Nurse anaesthetist'],
    ['refraksionis', 'Refraksionis Optisien dan Optometris', 'Optician and optometrist'],
    ['psikolog-klinis', 'Psikolog Klinis', 'Clinical psychologist'],
    ['sanitarian', 'Tenaga Sanitasi Lingkungan', 'Environmental health officer'],
    ['elektromedis', 'Elektromedis', 'Electromedical technician'],
    ['okupasi-terapis', 'Okupasi Terapis', 'Occupational therapist'],
    ['terapis-wicara', 'Terapis Wicara', 'Speech therapist'],
    ['akupunktur', 'Akupunktur Terapis', 'Acupuncture therapist'],
  ]),
};

const HEALTH_FACILITY: LicenceFamily = {
  code: 'fasyankes', id: 'Izin Operasional', en: 'Operating licence', minutes: 25, days: 14, product: 'Izin Operasional',
  requirements: [NIB, 'Profil fasilitas (denah, sarana, prasarana dan peralatan)', 'Daftar tenaga kesehatan dengan STR dan SIP', 'Dokumen lingkungan (SPPL atau UKL-UPL)', 'PBG dan SLF bangunan'],
  actions: [NEW, RENEWAL, CHANGE],
  items: items(
    [
      ['klinik-pratama', 'Klinik Pratama', 'Primary clinic'],
      ['klinik-utama', 'Klinik Utama', 'Main (specialist) clinic'],
      ['apotek', 'Apotek', 'Pharmacy'],
      ['toko-obat', 'Toko Obat', 'Drugstore'],
      ['laboratorium-klinik', 'Laboratorium Klinik', 'Clinical laboratory'],
      ['optikal', 'Optikal', 'Optical shop'],
      ['griya-sehat', 'Griya Sehat (pelayanan kesehatan tradisional)', 'Traditional health practice'],
      ['rumah-sakit-kelas-c', 'Rumah Sakit Kelas C', 'Class C hospital'],
      ['rumah-sakit-kelas-d', 'Rumah Sakit Kelas D', 'Class D hospital'],
      ['umot', 'Usaha Mikro Obat Tradisional', 'Micro traditional medicine business'],
      ['toko-alkes', 'Toko Alat Kesehatan', 'Medical device shop'],
    ],
    { apotek: { extra: ['SIP apoteker penanggung jawab'] }, 'rumah-sakit-kelas-c': { days: 30 }, 'rumah-sakit-kelas-d': { days: 30 } },
  ),
};

const EDUCATION: LicenceFamily = {
  code: 'pendidikan', id: 'Izin Operasional', en: 'Operating licence', minutes: 25, days: 14, product: 'Izin Operasional Satuan Pendidikan',
  requirements: ['Akta pendirian yayasan dan SK pengesahan Kemenkumham', 'Bukti kepemilikan atau sewa lahan dan bangunan minimal 5 tahun', 'Kurikulum dan struktur organisasi', 'Data pendidik dan tenaga kependidikan', 'Rekomendasi Dinas Pendidikan dan Kebudayaan'],
  actions: [FOUNDING, RENEWAL, CHANGE],
  items: items(
    [
      ['tk', 'Taman Kanak-kanak (TK)', 'Kindergarten'],
      ['kb', 'Kelompok Bermain (KB)', 'Playgroup'],
      ['tpa', 'Taman Penitipan Anak (TPA)', 'Day care centre'],
      ['sps', 'Satuan PAUD Sejenis (SPS)', 'Other early childhood unit'],
      ['sd', 'Sekolah Dasar Swasta', 'Private primary school'],
      ['smp', 'Sekolah Menengah Pertama Swasta', 'Private junior secondary school'],
      ['lkp', 'Lembaga Kursus dan Pelatihan (LKP)', 'Course and training institute'],
      ['pkbm', 'Pusat Kegiatan Belajar Masyarakat (PKBM)', 'Community learning centre'],
      ['bimbel', 'Lembaga Bimbingan Belajar', 'Tutoring centre'],
      ['lpk', 'Lembaga Pelatihan Kerja (LPK)', 'Vocational training institute'],
    ],
    { lpk: { extra: ['Rekomendasi Dinas Tenaga Kerja'] } },
  ),
};

const FUNCTIONS = items(
  [
    ['rumah-sederhana', 'Rumah Tinggal Sederhana', 'Simple house'],
    ['rumah-tinggal', 'Rumah Tinggal', 'House'],
    ['ruko', 'Rumah Toko (Ruko)', 'Shophouse'],
    ['usaha', 'Bangunan Fungsi Usaha', 'Commercial building'],
    ['sosial-budaya', 'Bangunan Fungsi Sosial dan Budaya', 'Social and cultural building'],
    ['keagamaan', 'Bangunan Fungsi Keagamaan', 'Religious building'],
    ['khusus', 'Bangunan Fungsi Khusus', 'Special-function building'],
    ['campuran', 'Bangunan Fungsi Campuran', 'Mixed-use building'],
    ['menara', 'Bangunan Menara Telekomunikasi', 'Telecommunication tower structure'],
  ],
  { 'rumah-sederhana': { days: 7 }, 'rumah-tinggal': { days: 14 }, khusus: { days: 45 } },
);

const BUILDING: LicenceFamily = {
  code: 'pbg', id: 'Persetujuan Bangunan Gedung (PBG)', en: 'Building approval (PBG)', minutes: 30, days: 28, quota: 30, product: 'Persetujuan Bangunan Gedung',
  channels: ['langsung', 'digital'],
  requirements: [KTP, 'Bukti kepemilikan tanah atau persetujuan pemilik tanah', 'KKPR atau informasi tata ruang', 'Gambar rencana arsitektur, struktur dan utilitas', 'Dokumen lingkungan (bila wajib)'],
  fee: 'Retribusi PBG sesuai Perda Kota Kendari tentang Pajak Daerah dan Retribusi Daerah',
  actions: [NEW, CHANGE],
  items: FUNCTIONS,
};

const FITNESS: LicenceFamily = {
  code: 'slf', id: 'Sertifikat Laik Fungsi (SLF)', en: 'Certificate of occupancy (SLF)', minutes: 20, days: 7, product: 'Sertifikat Laik Fungsi',
  requirements: ['Persetujuan Bangunan Gedung (PBG)', 'Surat pernyataan kelaikan fungsi dari pengkaji teknis', 'Gambar terbangun (as built drawings)', 'Laporan pemeriksaan kelaikan fungsi'],
  actions: [NEW, RENEWAL],
  items: FUNCTIONS.map((f) => ({ ...f, days: undefined })),
};

const SPATIAL: LicenceFamily = {
  code: 'kkpr', id: 'Kesesuaian Kegiatan Pemanfaatan Ruang (KKPR)', en: 'Spatial use conformity (KKPR)', minutes: 25, days: 20, product: 'KKPR',
  requirements: [KTP, 'Koordinat dan luas lokasi kegiatan', 'Rencana kegiatan pemanfaatan ruang', 'Bukti penguasaan tanah'],
  actions: [
    { code: 'konfirmasi', id: 'Konfirmasi', en: 'confirmation', extra: ['Lokasi berada dalam wilayah yang telah memiliki RDTR'], days: 1 },
    { code: 'persetujuan', id: 'Persetujuan', en: 'approval', extra: ['Kajian pemanfaatan ruang'] },
  ],
  items: items([
    ['berusaha', 'untuk Kegiatan Berusaha', 'for business'],
    ['nonberusaha', 'untuk Kegiatan Nonberusaha', 'for non-business use'],
  ]),
};

const ENVIRONMENT: LicenceFamily = {
  code: 'lingkungan', id: 'Persetujuan Lingkungan', en: 'Environmental approval', minutes: 25, days: 14, product: 'Persetujuan', naming: 'item',
  requirements: [NIB, 'Deskripsi kegiatan dan lokasi', 'Dokumen lingkungan sesuai tingkat risiko'],
  actions: [NEW, CHANGE],
  items: items(
    [
      ['sppl', 'Surat Pernyataan Kesanggupan Pengelolaan dan Pemantauan Lingkungan (SPPL)', 'Environmental management statement (SPPL)'],
      ['ukl-upl', 'Persetujuan Lingkungan UKL-UPL (Upaya Pengelolaan dan Pemantauan Lingkungan)', 'Environmental management and monitoring plan (UKL-UPL)'],
      ['pertek-air-limbah', 'Persetujuan Teknis Pembuangan Air Limbah', 'Technical approval for waste water discharge'],
      ['pertek-emisi', 'Persetujuan Teknis Emisi', 'Technical approval for emissions'],
      ['rintek-lb3', 'Rincian Teknis Penyimpanan Limbah B3', 'Technical specification for hazardous waste storage'],
      ['slo', 'Surat Kelayakan Operasional Pengolahan Air Limbah', 'Operational fitness letter for waste water treatment'],
      ['dplh', 'Dokumen Pengelolaan Lingkungan Hidup (DPLH)', 'Environmental management document (DPLH)'],
    ],
    { sppl: { days: 1 } },
  ),
};

const TRANSPORT: LicenceFamily = {
  code: 'angkutan', id: 'Izin Penyelenggaraan Angkutan', en: 'Transport operation permit', minutes: 20, days: 7, product: 'Izin Penyelenggaraan', naming: 'item',
  requirements: [NIB, 'Daftar kendaraan dengan STNK dan buku uji (KIR) yang berlaku', 'Bukti kepemilikan pool atau garasi', 'Rekomendasi Dinas Perhubungan'],
  actions: [NEW, RENEWAL],
  items: items(
    [
      ['angkot', 'Izin Penyelenggaraan Angkutan Perkotaan (Trayek)', 'Urban minibus route permit'],
      ['taksi', 'Izin Penyelenggaraan Angkutan Taksi', 'Taxi operation permit'],
      ['sewa-khusus', 'Izin Penyelenggaraan Angkutan Sewa Khusus', 'App-based rental transport permit'],
      ['pariwisata', 'Izin Penyelenggaraan Angkutan Pariwisata', 'Tourist transport permit'],
      ['antar-jemput', 'Izin Penyelenggaraan Angkutan Antar Jemput', 'Shuttle transport permit'],
      ['andalalin', 'Persetujuan Analisis Dampak Lalu Lintas (Andalalin)', 'Traffic impact approval'],
      ['parkir', 'Izin Penyelenggaraan Tempat Parkir di Luar Ruang Milik Jalan', 'Off-street parking permit'],
    ],
    { andalalin: { extra: ['Dokumen analisis dampak lalu lintas'], days: 14 } },
  ),
};

const ANIMALS_FARMING: LicenceFamily = {
  code: 'pertanian', id: 'Izin Pertanian dan Kesehatan Hewan', en: 'Agriculture and animal health permit', minutes: 20, days: 7, product: 'Izin', naming: 'item',
  requirements: [KTP, NIB, 'Rekomendasi Dinas Pertanian'],
  actions: [NEW, RENEWAL],
  items: items([
    ['praktik-dokter-hewan', 'Surat Izin Praktik Dokter Hewan', 'Veterinary practice licence'],
    ['klinik-hewan', 'Izin Usaha Klinik Hewan', 'Veterinary clinic licence'],
    ['toko-obat-hewan', 'Izin Usaha Toko Obat Hewan', 'Veterinary drugstore licence'],
    ['rph', 'Izin Usaha Rumah Potong Hewan', 'Slaughterhouse licence'],
    ['nkv', 'Nomor Kontrol Veteriner (NKV)', 'Veterinary control number'],
    ['kios-pupuk', 'Pendaftaran Kios Pengecer Pupuk', 'Fertiliser retail kiosk registration'],
    ['pengecer-pestisida', 'Izin Pengecer Pestisida', 'Pesticide retailer licence'],
  ]),
};

const HYGIENE: LicenceFamily = {
  code: 'slhs', id: 'Sertifikat Laik Higiene Sanitasi', en: 'Hygiene and sanitation certificate', minutes: 15, days: 7, product: 'Sertifikat Laik Higiene Sanitasi',
  requirements: [NIB, 'Hasil uji laboratorium sampel makanan atau air', 'Sertifikat kursus keamanan pangan penjamah makanan', 'Hasil inspeksi kesehatan lingkungan (IKL)'],
  fee: 'Gratis; biaya uji laboratorium ditanggung pemohon',
  actions: [NEW, RENEWAL],
  items: items([
    ['jasa-boga-a', 'Jasa Boga Golongan A', 'Catering class A'],
    ['jasa-boga-b', 'Jasa Boga Golongan B', 'Catering class B'],
    ['jasa-boga-c', 'Jasa Boga Golongan C', 'Catering class C'],
    ['restoran', 'Restoran', 'Restaurant'],
    ['rumah-makan', 'Rumah Makan', 'Eating house'],
    ['depot-air-minum', 'Depot Air Minum', 'Drinking water depot'],
    ['kantin', 'Kantin dan Sentra Pangan Jajanan', 'Canteen and food court'],
    ['sppg', 'Satuan Pelayanan Pemenuhan Gizi (SPPG)', 'Nutrition service unit (free meals programme)'],
  ]),
};

const SOCIAL: LicenceFamily = {
  code: 'sosial', id: 'Izin Kesejahteraan Sosial', en: 'Social welfare permit', minutes: 20, days: 7, product: 'Izin', naming: 'item',
  requirements: ['Akta pendirian lembaga', 'Susunan pengurus', 'Rekomendasi Dinas Sosial'],
  actions: [NEW, RENEWAL],
  items: items([
    ['lks', 'Tanda Daftar Lembaga Kesejahteraan Sosial', 'Social welfare institution registration'],
    ['pub', 'Izin Pengumpulan Uang atau Barang', 'Public fundraising permit'],
    ['panti', 'Izin Operasional Panti Sosial', 'Social care home operating licence'],
  ]),
};

export const SECTOR_FAMILIES: readonly LicenceFamily[] = [PRACTICE, HEALTH_FACILITY, EDUCATION, BUILDING, FITNESS, SPATIAL, ENVIRONMENT, TRANSPORT, ANIMALS_FARMING, HYGIENE, SOCIAL];

const ONLINE = ['langsung', 'digital'] as const;
/** Services that are not a family: advice, road and utility works, and two licences abolished by law. */
export const SINGLE_SERVICES: readonly ServiceSpec[] = [
  svc('nib-umk', 'Penerbitan NIB Usaha Mikro dan Kecil dengan Pendampingan', 'Business ID (NIB) for micro and small businesses, assisted', 20, { requirements: [KTP, 'Nomor telepon dan alamat email aktif', 'Alamat lokasi usaha'], product: 'Nomor Induk Berusaha (NIB)' }, { quota: 60, channels: ONLINE }),
  svc('konsultasi-perizinan', 'Konsultasi dan Pendampingan Perizinan OSS', 'Licensing advice and OSS assistance', 15, { requirements: ['Tidak ada persyaratan khusus'], product: 'Informasi dan pendampingan perizinan' }, { channels: ONLINE }),
  svc('lkpm', 'Pendampingan Laporan Kegiatan Penanaman Modal (LKPM)', 'Investment activity report (LKPM) assistance', 15, { requirements: [NIB, 'Data realisasi investasi dan tenaga kerja'], product: 'LKPM terlapor di OSS' }, { priority: 'none', channels: ONLINE }),
  svc('insentif-investasi', 'Permohonan Insentif dan Kemudahan Penanaman Modal', 'Investment incentive request', 20, { requirements: [NIB, 'Proposal rencana investasi'], product: 'Keputusan pemberian insentif' }, { priority: 'none', completionDays: 14 }),
  svc('izin-penelitian', 'Surat Keterangan Penelitian', 'Research permit letter', 10, { requirements: [KTP, 'Surat pengantar dari perguruan tinggi atau lembaga', 'Proposal penelitian'], product: 'Surat keterangan penelitian' }, { quota: 50, channels: ONLINE, completionDays: 1 }),
  svc('utilitas', 'Izin Penempatan Jaringan Utilitas di Ruang Milik Jalan', 'Utility network placement in the road reserve', 20, { requirements: [NIB, 'Gambar rencana jalur dan titik galian', 'Jaminan pemulihan jalan'], product: 'Izin penempatan jaringan utilitas' }, { priority: 'none', completionDays: 14 }),
  svc('rumija', 'Izin Pemanfaatan Ruang Milik Jalan (Rumija)', 'Use of the road reserve', 20, { requirements: [KTP, 'Gambar lokasi dan rencana pemanfaatan', 'Rekomendasi Dinas PUPR'], product: 'Izin pemanfaatan Rumija' }, { completionDays: 7 }),
  svc('tanah-makam', 'Izin Penggunaan Tanah Makam (TPU)', 'Public cemetery plot permit', 10, { requirements: ['KTP-el ahli waris', 'Surat keterangan kematian'], product: 'Izin penggunaan tanah makam', fee: 'Retribusi pemakaman sesuai Perda Kota Kendari' }),
  svc('legalisasi-izin', 'Legalisasi Salinan Dokumen Perizinan', 'Certification of licence copies', 5, { requirements: ['Dokumen izin asli', 'Fotokopi dokumen izin'], product: 'Salinan dokumen izin yang dilegalisasi' }),
  svc('status-permohonan', 'Informasi Status Permohonan Izin', 'Licence application status', 5, { requirements: ['Nomor registrasi permohonan'], product: 'Informasi tahapan permohonan' }, { channels: ONLINE }),
  svc('pengaduan-perizinan', 'Pengaduan Layanan Perizinan', 'Licensing complaints', 15, { requirements: ['Identitas pelapor', 'Uraian pengaduan dan bukti pendukung'], product: 'Tanda terima dan tindak lanjut pengaduan' }, { channels: ONLINE }),
  // Abolished: HO by Permendagri 19/2017, SIUP by the single business ID (NIB) under OSS.
  svc('izin-gangguan-ho', 'Izin Gangguan (HO)', 'Nuisance permit (HO)', 20, { requirements: [KTP, 'Persetujuan tetangga', 'Denah lokasi usaha'], product: 'Surat Izin Gangguan' }, { retired: true, completionDays: 7 }),
  svc('siup', 'Surat Izin Usaha Perdagangan (SIUP)', 'Trading business licence (SIUP)', 20, { requirements: [KTP, 'NPWP', 'Akta pendirian'], product: 'SIUP' }, { retired: true, completionDays: 3 }),
];
