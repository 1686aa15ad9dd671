import { svc, type ServiceSpec } from '../spec.js';

/**
 * Disdukcapil: identity documents (queue A, booth 1) and family cards, civil records and moves
 * (queue B, booth 2). All free by law (UU 24/2013). Printed at the counter the same day, except
 * records that need the head of office's signature on a court decision.
 */

const KK = 'Fotokopi Kartu Keluarga';
const KTP = 'KTP-el asli';
const RT = 'Surat pengantar RT/RW dan kelurahan';
const F1 = 'Formulir biodata penduduk (F-1.01) yang telah diisi';
const SPTJM = 'Surat Pernyataan Tanggung Jawab Mutlak (SPTJM) bila dokumen pendukung tidak ada';
const A = { queue: 'A' } as const;
const B = { queue: 'B' } as const;

const identity: readonly ServiceSpec[] = [
  svc('ktp-el-perekaman', 'Perekaman KTP-el Pemula', 'Electronic ID card (KTP-el) recording, first time', 10, { requirements: [KK, 'Telah berusia 17 tahun, sudah kawin atau pernah kawin'], product: 'Data biometrik terekam; KTP-el dicetak' }, { ...A, quota: 150, channels: ['langsung', 'bergerak'] }),
  svc('ktp-el-cetak', 'Pencetakan KTP-el', 'Electronic ID card printing', 5, { requirements: [KK, 'Sudah melakukan perekaman KTP-el'], product: 'KTP-el' }, { ...A, quota: 200 }),
  svc('ktp-el-rusak', 'Penggantian KTP-el Rusak', 'Replacement of a damaged electronic ID card', 8, { requirements: ['KTP-el yang rusak', KK], product: 'KTP-el pengganti' }, { ...A, quota: 100 }),
  svc('ktp-el-hilang', 'Penggantian KTP-el Hilang', 'Replacement of a lost electronic ID card', 8, { requirements: ['Surat keterangan kehilangan dari kepolisian', KK], product: 'KTP-el pengganti' }, { ...A, quota: 100 }),
  svc('ktp-el-perubahan-data', 'Perubahan Data KTP-el (nama, status perkawinan, pekerjaan, alamat)', 'Electronic ID card data change', 10, { requirements: ['KTP-el lama', KK, 'Dokumen pendukung perubahan (buku nikah, akta cerai, SK pekerjaan)'], product: 'KTP-el dengan data baru' }, { ...A, quota: 100 }),
  svc('ktp-el-pindah-datang', 'Penerbitan KTP-el karena Pindah Datang', 'Electronic ID card after moving in', 8, { requirements: ['Surat Keterangan Pindah WNI (SKPWNI)', KK], product: 'KTP-el dengan alamat Kota Kendari' }, A),
  svc('ktp-el-luar-domisili', 'Perekaman KTP-el Luar Domisili', 'Electronic ID card recording for residents of other regions', 10, { requirements: ['Fotokopi Kartu Keluarga daerah asal', 'Nomor Induk Kependudukan (NIK)'], product: 'Data biometrik terekam; KTP-el dicetak di daerah asal' }, A),
  svc('ktp-el-wna', 'KTP-el bagi Orang Asing Pemegang KITAP', 'Electronic ID card for foreign permanent residents', 15, { requirements: ['Paspor asli', 'Kartu Izin Tinggal Tetap (KITAP)', 'Surat Keterangan Catatan Kepolisian (SKCK)', KK], product: 'KTP-el Orang Asing' }, A),
  svc('kia-baru', 'Penerbitan Kartu Identitas Anak (KIA)', 'Child identity card (KIA)', 7, { requirements: ['Fotokopi kutipan akta kelahiran', KK, 'Pas foto anak berwarna 2x3 (usia 5 tahun ke atas)'], product: 'Kartu Identitas Anak (KIA)' }, { ...A, quota: 100, channels: ['langsung', 'digital', 'bergerak'] }),
  svc('kia-penggantian', 'Penggantian KIA Hilang atau Rusak', 'Replacement of a lost or damaged child identity card', 5, { requirements: ['KIA yang rusak atau surat keterangan kehilangan', KK], product: 'KIA pengganti' }, A),
  svc('ikd-aktivasi', 'Aktivasi Identitas Kependudukan Digital (IKD)', 'Digital population identity (IKD) activation', 5, { requirements: [KTP, 'Telepon pintar dengan aplikasi IKD dan alamat email aktif'], product: 'IKD aktif di aplikasi' }, { ...A, quota: 200, channels: ['langsung', 'mandiri', 'digital'] }),
  svc('adm-cetak-mandiri', 'Cetak Dokumen Mandiri di Anjungan Dukcapil Mandiri (ADM)', 'Self-service printing at the Dukcapil kiosk (ADM)', 5, { requirements: ['NIK dan nomor KK', 'Dokumen telah diterbitkan dan dikirim ke email/aplikasi'], product: 'KTP-el, KK atau akta hasil cetak mandiri' }, { ...A, channels: ['mandiri'] }),
  svc('suket-pengganti-ktp-el', 'Surat Keterangan Pengganti KTP-el', 'Certificate replacing the electronic ID card', 5, { requirements: [KK, 'Sudah melakukan perekaman KTP-el'], product: 'Surat keterangan pengganti KTP-el' }, { ...A, retired: true }),
  svc('biodata-pemutakhiran', 'Pemutakhiran Biodata dan Perbaikan Data Biometrik', 'Biodata update and biometric correction', 12, { requirements: [KK, KTP, F1], product: 'Biodata dan data biometrik mutakhir' }, A),
  svc('ktp-el-jemput-bola', 'Perekaman KTP-el Jemput Bola bagi Lansia dan Penyandang Disabilitas', 'Home ID card recording for the elderly and people with disabilities', 30, { requirements: [KK, 'Permohonan keluarga melalui kelurahan'], product: 'Data biometrik terekam; KTP-el diantar' }, { ...A, channels: ['bergerak'] }),
  svc('konsolidasi-nik', 'Konsolidasi dan Verifikasi NIK (BPJS, perbankan, sekolah)', 'National ID number (NIK) consolidation and verification', 5, { requirements: [KTP, KK], product: 'NIK terverifikasi dan data sinkron' }, { ...A, channels: ['langsung', 'digital'] }),
];

const records: readonly ServiceSpec[] = [
  svc('kk-baru', 'Penerbitan Kartu Keluarga Baru (membentuk keluarga baru)', 'New family card (new household)', 10, { requirements: [RT, 'Fotokopi buku nikah/akta perkawinan', 'Kartu Keluarga lama', F1], product: 'Kartu Keluarga (KK)' }, { ...B, quota: 150, channels: ['langsung', 'digital', 'bergerak'] }),
  svc('kk-tambah-anggota', 'Perubahan KK karena Penambahan Anggota Keluarga', 'Family card change: new household member', 8, { requirements: ['Kartu Keluarga lama', 'Fotokopi kutipan akta kelahiran atau SKPWNI anggota yang ditambah'], product: 'Kartu Keluarga (KK) baru' }, { ...B, channels: ['langsung', 'digital'] }),
  svc('kk-kurang-anggota', 'Perubahan KK karena Pengurangan Anggota Keluarga', 'Family card change: member leaving or deceased', 8, { requirements: ['Kartu Keluarga lama', 'Akta kematian atau SKPWNI anggota yang dikurangi'], product: 'Kartu Keluarga (KK) baru' }, { ...B, channels: ['langsung', 'digital'] }),
  svc('kk-perubahan-data', 'Perubahan Data Kartu Keluarga', 'Family card data change', 8, { requirements: ['Kartu Keluarga lama', 'Dokumen pendukung perubahan (ijazah, akta, buku nikah)', F1], product: 'Kartu Keluarga (KK) baru' }, { ...B, channels: ['langsung', 'digital'] }),
  svc('kk-hilang-rusak', 'Penggantian Kartu Keluarga Hilang atau Rusak', 'Replacement of a lost or damaged family card', 6, { requirements: ['Surat keterangan kehilangan dari kepolisian atau KK yang rusak', KTP], product: 'Kartu Keluarga (KK) pengganti' }, B),
  svc('kk-pisah', 'Pisah Kartu Keluarga', 'Splitting a family card', 10, { requirements: [RT, 'Kartu Keluarga lama', 'Fotokopi buku nikah/akta perkawinan bagi yang berstatus kawin'], product: 'Kartu Keluarga (KK) baru' }, B),
  svc('akta-kelahiran', 'Penerbitan Akta Kelahiran', 'Birth certificate', 10, { requirements: ['Surat keterangan lahir dari rumah sakit, puskesmas atau bidan', KK, 'Fotokopi buku nikah/akta perkawinan orang tua', SPTJM], product: 'Kutipan akta kelahiran' }, { ...B, quota: 120, channels: ['langsung', 'digital', 'bergerak'] }),
  svc('akta-kelahiran-terlambat', 'Akta Kelahiran Pelaporan Terlambat', 'Late birth registration', 15, { requirements: ['Surat keterangan lahir atau SPTJM kebenaran data kelahiran', KK, 'Dua orang saksi dengan KTP-el'], product: 'Kutipan akta kelahiran' }, B),
  svc('akta-kematian', 'Penerbitan Akta Kematian', 'Death certificate', 10, { requirements: ['Surat keterangan kematian dari rumah sakit, puskesmas atau kelurahan', 'KTP-el dan KK almarhum', 'KTP-el pelapor'], product: 'Kutipan akta kematian dan KK yang diperbarui' }, { ...B, channels: ['langsung', 'digital'] }),
  svc('akta-perkawinan', 'Penerbitan Akta Perkawinan (non-Muslim)', 'Marriage certificate (non-Muslim)', 20, { requirements: ['Surat keterangan perkawinan dari pemuka agama', 'KTP-el dan KK kedua mempelai', 'Pas foto berdampingan 4x6', 'Dua orang saksi dengan KTP-el'], product: 'Kutipan akta perkawinan' }, B),
  svc('akta-perceraian', 'Penerbitan Akta Perceraian (non-Muslim)', 'Divorce certificate (non-Muslim)', 15, { requirements: ['Salinan putusan pengadilan yang berkekuatan hukum tetap', 'Kutipan akta perkawinan', KK], product: 'Kutipan akta perceraian' }, B),
  svc('akta-pengakuan-anak', 'Pencatatan Pengakuan Anak', 'Registration of acknowledgement of a child', 15, { requirements: ['Surat pengakuan anak dari ayah biologis yang disetujui ibu', 'Kutipan akta kelahiran anak', KK], product: 'Catatan pinggir pada akta kelahiran' }, { ...B, completionDays: 3 }),
  svc('akta-pengesahan-anak', 'Pencatatan Pengesahan Anak', 'Registration of legitimation of a child', 15, { requirements: ['Kutipan akta kelahiran anak', 'Kutipan akta perkawinan orang tua', KK], product: 'Catatan pinggir pada akta kelahiran' }, { ...B, completionDays: 3 }),
  svc('pengangkatan-anak', 'Pencatatan Pengangkatan Anak', 'Registration of adoption', 15, { requirements: ['Salinan penetapan pengadilan tentang pengangkatan anak', 'Kutipan akta kelahiran anak', KK], product: 'Catatan pinggir pada akta kelahiran' }, { ...B, completionDays: 3 }),
  svc('perubahan-nama', 'Pencatatan Perubahan Nama', 'Registration of a change of name', 15, { requirements: ['Salinan penetapan pengadilan negeri tentang perubahan nama', 'Kutipan akta pencatatan sipil', KK, KTP], product: 'Catatan pinggir pada akta; KK dan KTP-el baru' }, { ...B, completionDays: 3 }),
  svc('pembetulan-akta', 'Pembetulan Akta Pencatatan Sipil', 'Correction of a civil registry certificate', 15, { requirements: ['Kutipan akta yang akan dibetulkan', 'Dokumen otentik yang menjadi dasar pembetulan', KK], product: 'Kutipan akta yang telah dibetulkan' }, { ...B, completionDays: 2 }),
  svc('akta-kutipan-kedua', 'Penerbitan Kutipan Kedua Akta (hilang atau rusak)', 'Second copy of a civil registry certificate', 10, { requirements: ['Surat keterangan kehilangan dari kepolisian atau akta yang rusak', KK], product: 'Kutipan kedua akta pencatatan sipil' }, B),
  svc('skpwni-pindah-keluar', 'Surat Keterangan Pindah WNI (pindah keluar)', 'Moving-out certificate (SKPWNI)', 10, { requirements: [RT, 'Kartu Keluarga', 'KTP-el seluruh anggota keluarga yang pindah'], product: 'Surat Keterangan Pindah WNI (SKPWNI)' }, { ...B, quota: 80, channels: ['langsung', 'digital'] }),
  svc('pindah-datang', 'Pencatatan Pindah Datang WNI', 'Registration of moving in', 10, { requirements: ['Surat Keterangan Pindah WNI dari daerah asal', 'KK tujuan bila menumpang'], product: 'Kartu Keluarga dan KTP-el alamat baru' }, { ...B, quota: 80, channels: ['langsung', 'digital'] }),
  svc('sktt-orang-asing', 'Surat Keterangan Tempat Tinggal (SKTT) Orang Asing', 'Residence certificate for foreigners (SKTT)', 15, { requirements: ['Paspor asli', 'Kartu Izin Tinggal Terbatas (KITAS)', 'Surat keterangan dari sponsor'], product: 'Surat Keterangan Tempat Tinggal (SKTT)' }, B),
  svc('legalisasi-dokumen', 'Legalisasi Dokumen Kependudukan', 'Certification of population documents', 5, { requirements: ['Dokumen asli (KK atau akta)', 'Fotokopi dokumen yang akan dilegalisasi'], product: 'Fotokopi dokumen yang telah dilegalisasi' }, { ...B, quota: 150 }),
  svc('penduduk-rentan', 'Pendataan Penduduk Rentan Administrasi Kependudukan', 'Registration of residents at risk of missing records', 20, { requirements: ['Surat keterangan dari kelurahan, panti atau lembaga pendamping'], product: 'NIK dan KK bagi penduduk rentan' }, { ...B, channels: ['langsung', 'bergerak'] }),
  svc('surat-keterangan-kependudukan', 'Surat Keterangan Kependudukan (domisili, belum kawin, beda nama)', 'Population statement letter (residence, unmarried, name variance)', 8, { requirements: [RT, KTP, KK], product: 'Surat keterangan kependudukan' }, B),
  svc('kematian-luar-negeri', 'Pencatatan Kematian di Luar Negeri', 'Registration of a death abroad', 15, { requirements: ['Bukti pencatatan kematian dari negara setempat atau perwakilan RI', 'KTP-el dan KK almarhum'], product: 'Surat keterangan pelaporan kematian' }, { ...B, completionDays: 3 }),
  svc('kelahiran-luar-negeri', 'Pencatatan Kelahiran di Luar Negeri', 'Registration of a birth abroad', 15, { requirements: ['Bukti pencatatan kelahiran dari negara setempat atau perwakilan RI', 'Paspor anak', KK], product: 'Tanda bukti pelaporan kelahiran' }, { ...B, completionDays: 3 }),
];

export const POPULATION: readonly ServiceSpec[] = [...identity, ...records];
