import { svc, type ServiceSpec } from '../spec.js';

/** Imigrasi, the tax office, the land office and the religious-affairs office: central agencies' local offices. */

const KTP = 'KTP-el asli';
const KK = 'Kartu Keluarga asli';
const PNBP = 'sesuai PP tentang jenis dan tarif PNBP yang berlaku';
const PASPOR_FEE = `Paspor elektronik Rp650.000 (5 tahun) atau Rp950.000 (10 tahun); paspor biasa Rp350.000 (5 tahun) atau Rp650.000 (10 tahun), ${PNBP}`;
const PASPOR_REQ = [KTP, KK, 'Akta kelahiran, ijazah atau buku nikah (salah satu)'];

export const IMMIGRATION: readonly ServiceSpec[] = [
  svc('paspor-elektronik-baru', 'Permohonan Paspor Elektronik Baru', 'New electronic passport', 20, { requirements: PASPOR_REQ, product: 'Paspor elektronik 48 halaman', fee: PASPOR_FEE }, { quota: 60, channels: ['langsung', 'digital'], completionDays: 4 }),
  svc('paspor-biasa-baru', 'Permohonan Paspor Biasa (non-elektronik) Baru', 'New ordinary passport', 20, { requirements: PASPOR_REQ, product: 'Paspor biasa 48 halaman', fee: PASPOR_FEE }, { quota: 60, channels: ['langsung', 'digital'], completionDays: 4 }),
  svc('paspor-habis-berlaku', 'Penggantian Paspor Habis Masa Berlaku', 'Passport renewal (expired)', 15, { requirements: [KTP, 'Paspor lama'], product: 'Paspor baru', fee: PASPOR_FEE }, { quota: 60, channels: ['langsung', 'digital'], completionDays: 3 }),
  svc('paspor-halaman-penuh', 'Penggantian Paspor karena Halaman Penuh', 'Passport replacement (pages full)', 15, { requirements: [KTP, 'Paspor lama'], product: 'Paspor baru', fee: PASPOR_FEE }, { channels: ['langsung', 'digital'], completionDays: 3 }),
  svc('paspor-hilang', 'Penggantian Paspor Hilang', 'Replacement of a lost passport', 30, { requirements: [KTP, KK, 'Surat keterangan kehilangan dari kepolisian', 'Bersedia diwawancarai dan diperiksa (BAP)'], product: 'Paspor pengganti', fee: `Biaya beban Rp1.000.000 ditambah tarif paspor, ${PNBP}` }, { channels: ['langsung', 'digital'], completionDays: 4 }),
  svc('paspor-rusak', 'Penggantian Paspor Rusak', 'Replacement of a damaged passport', 25, { requirements: [KTP, KK, 'Paspor yang rusak', 'Bersedia diwawancarai dan diperiksa (BAP)'], product: 'Paspor pengganti', fee: `Biaya beban Rp500.000 ditambah tarif paspor, ${PNBP}` }, { channels: ['langsung', 'digital'], completionDays: 4 }),
  svc('paspor-anak', 'Permohonan Paspor Anak (di bawah 17 tahun)', 'Passport for a child under 17', 20, { requirements: ['Akta kelahiran anak', KK, 'KTP-el dan paspor kedua orang tua', 'Buku nikah orang tua', 'Kehadiran anak dan kedua orang tua'], product: 'Paspor anak', fee: PASPOR_FEE }, { channels: ['langsung', 'digital'], completionDays: 4 }),
  svc('paspor-percepatan', 'Layanan Percepatan Paspor (selesai hari yang sama)', 'Same-day passport (express service)', 20, { requirements: [...PASPOR_REQ, 'Bukti pembayaran layanan percepatan'], product: 'Paspor selesai pada hari yang sama', fee: `Rp1.000.000 di luar tarif paspor, ${PNBP}` }, { quota: 20, channels: ['langsung', 'digital'], completionDays: 1 }),
  svc('paspor-jemaah-umrah', 'Permohonan Paspor bagi Jemaah Haji dan Umrah', 'Passport for Hajj and Umrah pilgrims', 20, { requirements: [...PASPOR_REQ, 'Surat keterangan dari penyelenggara perjalanan ibadah umrah (PPIU) atau bukti nomor porsi haji'], product: 'Paspor elektronik', fee: PASPOR_FEE }, { channels: ['langsung', 'digital'], completionDays: 4 }),
  svc('pengambilan-paspor', 'Pengambilan Paspor', 'Passport collection', 5, { requirements: ['Tanda terima permohonan', KTP], product: 'Paspor' }, { quota: 150 }),
  svc('itas-perpanjangan', 'Perpanjangan Izin Tinggal Terbatas (ITAS)', 'Temporary stay permit (ITAS) extension', 25, { requirements: ['Paspor kebangsaan asing yang masih berlaku', 'ITAS lama', 'Surat jaminan dari penjamin'], product: 'ITAS elektronik (e-ITAS)', fee: `Tarif ITAS ${PNBP}` }, { priority: 'none', channels: ['langsung', 'digital'], completionDays: 5 }),
  svc('alih-status-itap', 'Alih Status ITAS menjadi ITAP', 'Change from temporary to permanent stay permit', 30, { requirements: ['Paspor kebangsaan asing yang masih berlaku', 'ITAS yang telah dimiliki berturut-turut', 'Surat jaminan dari penjamin', 'Pernyataan integrasi'], product: 'Izin Tinggal Tetap (ITAP)', fee: `Tarif ITAP ${PNBP}` }, { priority: 'none', channels: ['langsung', 'digital'], completionDays: 14 }),
  svc('affidavit', 'Fasilitas Affidavit bagi Anak Berkewarganegaraan Ganda', 'Affidavit for dual-citizen children', 20, { requirements: ['Akta kelahiran anak', 'Paspor asing anak', 'Akta perkawinan orang tua', 'KTP-el atau paspor orang tua WNI'], product: 'Affidavit yang dilekatkan pada paspor asing', fee: `Sesuai tarif affidavit ${PNBP}` }, { completionDays: 3 }),
  svc('konsultasi-keimigrasian', 'Informasi dan Konsultasi Keimigrasian', 'Immigration information and consultation', 10, { requirements: ['Tidak ada persyaratan khusus'], product: 'Informasi keimigrasian' }, { channels: ['langsung', 'digital'] }),
];

const NPWP = 'NPWP atau NIK sebagai NPWP';
const BADAN = ['Akta pendirian dan perubahan terakhir badan', 'NIB atau izin usaha', 'KTP-el pengurus yang bertanggung jawab'];
const tax = (code: string, nameId: string, nameEn: string, minutes: number, requirements: readonly string[], product: string, more: Partial<ServiceSpec> = {}) =>
  svc(code, nameId, nameEn, minutes, { requirements, product }, { channels: ['langsung', 'digital'], ...more });

export const TAX: readonly ServiceSpec[] = [
  tax('npwp-orang-pribadi', 'Pendaftaran NPWP Orang Pribadi (aktivasi NIK sebagai NPWP)', 'Individual taxpayer registration', 10, [KTP, 'Alamat email dan nomor telepon aktif'], 'NPWP orang pribadi (NIK) dan akun Coretax DJP'),
  tax('npwp-badan', 'Pendaftaran NPWP Badan', 'Company taxpayer registration', 15, BADAN, 'NPWP badan dan akun Coretax DJP', { priority: 'none' }),
  tax('npwp-cabang', 'Pendaftaran NPWP Cabang', 'Branch taxpayer registration', 15, [...BADAN, 'Surat keterangan domisili cabang'], 'NPWP cabang (NITKU)', { priority: 'none' }),
  tax('pengukuhan-pkp', 'Pengukuhan Pengusaha Kena Pajak (PKP)', 'VAT-registered entrepreneur (PKP) confirmation', 20, [NPWP, 'Bukti kegiatan usaha (foto lokasi, kontrak, faktur)', 'Surat pernyataan omzet'], 'Surat Pengukuhan PKP', { priority: 'none', completionDays: 10 }),
  tax('pencabutan-pkp', 'Pencabutan Pengukuhan PKP', 'Revocation of PKP status', 15, [NPWP, 'Surat permohonan pencabutan', 'Laporan keuangan terakhir'], 'Surat Pencabutan Pengukuhan PKP', { priority: 'none', completionDays: 30 }),
  tax('penghapusan-npwp', 'Penghapusan NPWP', 'Taxpayer number deregistration', 15, [NPWP, 'Dokumen pendukung (akta kematian, akta pembubaran, surat pernyataan)'], 'Surat pemberitahuan penghapusan NPWP', { completionDays: 30 }),
  tax('perubahan-data-wp', 'Perubahan Data Wajib Pajak', 'Taxpayer data change', 10, [NPWP, KTP, 'Dokumen pendukung perubahan'], 'Data wajib pajak mutakhir'),
  tax('wp-non-efektif', 'Penetapan Wajib Pajak Non-Efektif', 'Declaring a taxpayer inactive', 10, [NPWP, 'Surat permohonan dengan alasan'], 'Pemberitahuan status Wajib Pajak non-efektif', { completionDays: 5 }),
  tax('spt-tahunan-op', 'Penerimaan dan Asistensi SPT Tahunan PPh Orang Pribadi', 'Individual annual income tax return (assisted filing)', 15, [NPWP, 'Bukti potong PPh 1721-A1/A2 atau catatan penghasilan', 'Daftar harta dan utang'], 'Bukti penerimaan elektronik SPT Tahunan', { quota: 200 }),
  tax('spt-tahunan-badan', 'Penerimaan SPT Tahunan PPh Badan', 'Company annual income tax return', 15, [NPWP, 'Laporan keuangan', 'Bukti pembayaran PPh kurang bayar'], 'Bukti penerimaan SPT Tahunan badan', { priority: 'none' }),
  tax('spt-masa', 'Penerimaan SPT Masa PPN dan PPh', 'Monthly tax returns', 10, [NPWP, 'Bukti pemotongan/pemungutan dan bukti setor'], 'Bukti penerimaan SPT Masa', { priority: 'none' }),
  tax('akun-coretax', 'Aktivasi Akun Coretax DJP dan Reset Kata Sandi', 'Coretax account activation and password reset', 10, [KTP, 'Alamat email dan nomor telepon aktif'], 'Akun Coretax DJP aktif', { quota: 150 }),
  tax('sertifikat-elektronik', 'Permintaan Kode Otorisasi/Sertifikat Elektronik DJP', 'Tax authority e-signature certificate request', 10, [NPWP, KTP, 'Surat penunjukan pengurus (untuk badan)'], 'Kode otorisasi DJP aktif'),
  tax('surat-keterangan-fiskal', 'Permohonan Surat Keterangan Fiskal (SKF)', 'Tax clearance certificate', 10, [NPWP, 'Sudah menyampaikan SPT 2 tahun terakhir', 'Tidak memiliki tunggakan pajak'], 'Surat Keterangan Fiskal', { completionDays: 3 }),
  tax('pemindahbukuan', 'Permohonan Pemindahbukuan (Pbk)', 'Tax payment transfer request', 15, [NPWP, 'Bukti penerimaan negara yang akan dipindahbukukan', 'Surat permohonan Pbk'], 'Bukti pemindahbukuan', { completionDays: 30 }),
  tax('restitusi', 'Permohonan Pengembalian Kelebihan Pembayaran Pajak', 'Tax refund request', 15, [NPWP, 'SPT lebih bayar', 'Rekening bank atas nama wajib pajak'], 'Surat Keputusan Pengembalian', { completionDays: 30 }),
  tax('pph-final-umkm', 'Pemberitahuan Penggunaan Tarif PPh Final UMKM (PP 55/2022)', 'Notice of the SME final income tax rate', 10, [NPWP, 'Keterangan peredaran bruto'], 'Konfirmasi status PPh final UMKM'),
  tax('skb-pph-tanah', 'Surat Keterangan Bebas PPh atas Pengalihan Hak Tanah/Bangunan', 'Income-tax exemption for land or building transfer', 15, [NPWP, 'Fotokopi sertifikat tanah', 'Akta atau perjanjian pengalihan'], 'Surat Keterangan Bebas PPh', { completionDays: 3 }),
  tax('validasi-phtb', 'Penelitian Bukti Setor PPh Pengalihan Tanah/Bangunan (validasi PHTB)', 'Validation of the land and building transfer tax payment', 10, [NPWP, 'Bukti setor PPh final', 'Fotokopi sertifikat dan SPPT PBB'], 'Surat keterangan penelitian formal (validasi)', { completionDays: 3 }),
  tax('pengurangan-sanksi', 'Permohonan Pengurangan atau Penghapusan Sanksi Administrasi', 'Tax penalty reduction or waiver', 15, [NPWP, 'Surat Tagihan Pajak (STP)', 'Surat permohonan dengan alasan'], 'Surat Keputusan pengurangan/penghapusan sanksi', { completionDays: 30 }),
  tax('kode-billing', 'Pembuatan Kode Billing Pembayaran Pajak', 'Tax payment billing code', 5, [NPWP, 'Jenis pajak, masa dan jumlah yang akan dibayar'], 'Kode billing'),
  tax('konsultasi-pajak', 'Konsultasi Perpajakan', 'Tax consultation', 15, ['Tidak ada persyaratan khusus'], 'Jawaban atas pertanyaan perpajakan'),
  tax('skd-p3b', 'Surat Keterangan Domisili untuk Penerapan P3B', 'Certificate of domicile for tax treaty purposes', 10, [NPWP, 'Formulir DGT atau permintaan negara mitra'], 'Surat Keterangan Domisili (Certificate of Domicile)', { priority: 'none', completionDays: 5 }),
];

const SERT = 'Sertifikat hak atas tanah asli';
const PEMOHON = ['Formulir permohonan yang ditandatangani pemohon atau kuasanya di atas meterai', 'Fotokopi KTP-el dan KK pemohon'];
const LAND_FEE = 'PNBP sesuai PP 128/2015 tentang jenis dan tarif PNBP Kementerian ATR/BPN';
const land = (code: string, nameId: string, nameEn: string, minutes: number, extra: readonly string[], product: string, completionDays: number, fee = LAND_FEE) =>
  svc(code, nameId, nameEn, minutes, { requirements: [...PEMOHON, ...extra], product, fee }, { channels: ['langsung', 'digital'], completionDays });

export const LAND: readonly ServiceSpec[] = [
  land('pengecekan-sertifikat', 'Pengecekan Sertifikat', 'Land certificate check', 10, [SERT], 'Sertifikat yang telah diperiksa kesesuaiannya dengan buku tanah', 1, 'Rp50.000 per sertifikat sesuai PP 128/2015'),
  land('skpt', 'Surat Keterangan Pendaftaran Tanah (SKPT)', 'Land registration statement', 10, ['Fotokopi sertifikat'], 'Surat Keterangan Pendaftaran Tanah', 1, 'Rp50.000 per bidang sesuai PP 128/2015'),
  land('roya', 'Roya (Penghapusan Hak Tanggungan)', 'Cancellation of a mortgage (roya)', 10, [SERT, 'Sertifikat hak tanggungan asli', 'Surat pernyataan lunas (roya) dari kreditur'], 'Sertifikat tanpa catatan hak tanggungan', 5, 'Rp50.000 per hak tanggungan sesuai PP 128/2015'),
  land('peralihan-jual-beli', 'Peralihan Hak karena Jual Beli (Balik Nama Sertifikat)', 'Land title transfer by sale', 15, [SERT, 'Akta jual beli dari PPAT', 'Bukti pembayaran BPHTB dan PPh', 'SPPT PBB tahun berjalan'], 'Sertifikat atas nama pemilik baru', 5, 'Nilai tanah per m² × luas ÷ 1.000 + Rp50.000 sesuai PP 128/2015'),
  land('peralihan-waris', 'Peralihan Hak karena Pewarisan', 'Land title transfer by inheritance', 15, [SERT, 'Surat keterangan waris', 'Akta kematian pewaris', 'Bukti pembayaran BPHTB waris'], 'Sertifikat atas nama ahli waris', 5, 'Nilai tanah per m² × luas ÷ 1.000 + Rp50.000 sesuai PP 128/2015'),
  land('peralihan-hibah', 'Peralihan Hak karena Hibah', 'Land title transfer by gift', 15, [SERT, 'Akta hibah dari PPAT', 'Bukti pembayaran BPHTB dan PPh'], 'Sertifikat atas nama penerima hibah', 5),
  land('peralihan-lelang', 'Peralihan Hak karena Lelang', 'Land title transfer by auction', 15, [SERT, 'Kutipan risalah lelang', 'Bukti pembayaran BPHTB'], 'Sertifikat atas nama pemenang lelang', 7),
  land('hak-tanggungan', 'Pendaftaran Hak Tanggungan Elektronik (HT-el)', 'Electronic mortgage registration', 10, ['Akta Pemberian Hak Tanggungan dari PPAT', SERT], 'Sertifikat hak tanggungan elektronik', 7, 'Sesuai nilai hak tanggungan (PP 128/2015)'),
  land('pemecahan-bidang', 'Pemecahan Bidang Tanah', 'Land parcel split', 15, [SERT, 'Site plan atau rencana pemecahan', 'SPPT PBB tahun berjalan'], 'Sertifikat-sertifikat hasil pemecahan', 15),
  land('penggabungan-bidang', 'Penggabungan Bidang Tanah', 'Land parcel merger', 15, ['Sertifikat-sertifikat yang akan digabung', 'SPPT PBB tahun berjalan'], 'Sertifikat hasil penggabungan', 15),
  land('pemisahan-bidang', 'Pemisahan Bidang Tanah', 'Land parcel separation', 15, [SERT, 'Gambar rencana pemisahan'], 'Sertifikat bidang yang dipisahkan', 15),
  land('sertifikat-pengganti-hilang', 'Penerbitan Sertifikat Pengganti karena Hilang', 'Replacement of a lost land certificate', 15, ['Surat keterangan kehilangan dari kepolisian', 'Surat pernyataan di bawah sumpah', 'Bukti pengumuman di surat kabar'], 'Sertifikat pengganti', 40),
  land('sertifikat-pengganti-rusak', 'Penerbitan Sertifikat Pengganti karena Rusak atau Blanko Lama', 'Replacement of a damaged or old-form land certificate', 15, ['Sertifikat yang rusak atau blanko lama'], 'Sertifikat pengganti', 14),
  land('perubahan-hgb-hak-milik', 'Perubahan Hak Guna Bangunan menjadi Hak Milik (rumah tinggal)', 'Conversion of building rights to freehold (homes)', 15, [SERT, 'PBG/IMB rumah tinggal', 'SPPT PBB tahun berjalan'], 'Sertifikat Hak Milik', 5),
  land('perpanjangan-hgb', 'Perpanjangan Hak Guna Bangunan', 'Extension of building rights', 15, [SERT, 'SPPT PBB tahun berjalan', 'PBG/IMB'], 'Catatan perpanjangan HGB pada sertifikat', 30),
  land('pengukuran-ulang', 'Pengukuran Ulang dan Pengembalian Batas', 'Land re-measurement and boundary reconstruction', 15, [SERT, 'Persetujuan pemilik tanah berbatasan'], 'Peta bidang dan tanda batas terpasang', 14),
  land('ganti-nama', 'Pencatatan Perubahan Nama Pemegang Hak', 'Change of the right holder’s name', 10, [SERT, 'Penetapan pengadilan atau dokumen perubahan nama'], 'Sertifikat dengan nama baru', 7),
  land('pencatatan-blokir', 'Pencatatan Blokir Sertifikat', 'Registration of a block on a land title', 10, ['Surat permohonan blokir dengan alasan', 'Bukti hubungan hukum dengan tanah'], 'Catatan blokir pada buku tanah', 1),
  land('informasi-znt', 'Informasi Zona Nilai Tanah (ZNT)', 'Land value zone information', 5, ['Lokasi atau nomor bidang tanah'], 'Informasi zona nilai tanah', 1, 'Rp50.000 per bidang sesuai PP 128/2015'),
  land('alih-media-elektronik', 'Alih Media Sertifikat menjadi Sertifikat Elektronik', 'Conversion to an electronic land certificate', 15, [SERT, 'Alamat email aktif pemegang hak'], 'Sertifikat tanah elektronik', 5),
  land('pendaftaran-pertama-kali', 'Pendaftaran Tanah Pertama Kali (konversi atau pengakuan hak)', 'First-time land registration', 20, ['Alas hak (girik, surat keterangan tanah)', 'Surat pernyataan penguasaan fisik bidang tanah', 'SPPT PBB tahun berjalan'], 'Sertifikat Hak Milik', 98),
  land('pemberian-hak-milik', 'Pemberian Hak Milik atas Tanah Negara (perorangan)', 'Grant of freehold over state land', 20, ['Surat penguasaan fisik bidang tanah', 'Surat pernyataan tidak sengketa', 'SPPT PBB tahun berjalan'], 'Sertifikat Hak Milik', 38),
  land('konsultasi-pertanahan', 'Konsultasi Pertanahan dan Informasi PTSL', 'Land consultation and systematic registration (PTSL) information', 10, ['Tidak ada persyaratan khusus'], 'Informasi pertanahan', 1, 'Gratis'),
];

const HAJI = [KTP, KK, 'Akta kelahiran, ijazah atau buku nikah (salah satu)', 'Bukti setoran awal Bipih dari bank penerima setoran (BPS-Bipih)', 'Pas foto berwarna 3x4 latar putih (wajah 80%)'];
export const RELIGION: readonly ServiceSpec[] = [
  svc('haji-pendaftaran', 'Pendaftaran Haji Reguler', 'Regular Hajj registration', 30, { requirements: HAJI, product: 'Bukti pendaftaran haji dan nomor porsi', fee: 'Gratis (setoran awal Bipih Rp25.000.000 ke rekening BPS-Bipih)' }, { quota: 40, channels: ['langsung', 'digital'] }),
  svc('haji-pembatalan', 'Pembatalan Pendaftaran Haji', 'Hajj registration cancellation', 20, { requirements: ['Bukti pendaftaran haji', KTP, 'Surat permohonan pembatalan', 'Buku tabungan untuk pengembalian setoran'], product: 'Surat pembatalan dan pengembalian setoran awal' }, { completionDays: 14 }),
  svc('haji-pelimpahan-porsi', 'Pelimpahan Nomor Porsi Haji (wafat atau sakit permanen)', 'Transfer of a Hajj queue number', 25, { requirements: ['Akta kematian atau surat keterangan sakit permanen dari dokter', 'Surat kuasa ahli waris', 'Bukti pendaftaran haji', ...HAJI.slice(0, 2)], product: 'Bukti pelimpahan nomor porsi' }, { completionDays: 14 }),
  svc('haji-pelunasan', 'Verifikasi Pelunasan Bipih', 'Verification of Hajj fee settlement', 15, { requirements: ['Bukti pendaftaran haji', 'Bukti pelunasan Bipih', KTP], product: 'Status lunas dan jadwal keberangkatan' }),
  svc('haji-info-estimasi', 'Informasi Estimasi Keberangkatan Haji', 'Hajj departure estimate', 5, { requirements: ['Nomor porsi haji'], product: 'Informasi perkiraan tahun keberangkatan' }, { channels: ['langsung', 'digital'] }),
  svc('umrah-informasi-ppiu', 'Informasi dan Pengaduan Penyelenggaraan Umrah (PPIU resmi)', 'Umrah operator information and complaints', 10, { requirements: ['Identitas pelapor', 'Bukti perjanjian dengan PPIU (bila mengadu)'], product: 'Informasi PPIU berizin atau tanda terima pengaduan' }),
  svc('legalisasi-buku-nikah', 'Legalisasi Buku Nikah', 'Certification of a marriage book', 5, { requirements: ['Buku nikah asli', 'Fotokopi buku nikah'], product: 'Fotokopi buku nikah yang telah dilegalisasi' }, { quota: 80 }),
  svc('informasi-nikah', 'Informasi Pendaftaran Nikah di KUA (SIMKAH)', 'Information on marriage registration at the KUA', 10, { requirements: ['KTP-el calon pengantin'], product: 'Informasi persyaratan dan jadwal nikah', fee: 'Gratis; nikah di luar kantor KUA atau di luar jam kerja Rp600.000 sesuai PP 48/2014' }, { channels: ['langsung', 'digital'] }),
  svc('konsultasi-perkawinan', 'Konsultasi Perkawinan (BP4)', 'Marriage counselling', 30, { requirements: ['Tidak ada persyaratan khusus'], product: 'Konsultasi dan rujukan' }),
  svc('legalisasi-ijazah-madrasah', 'Legalisasi Ijazah Madrasah', 'Certification of madrasah diplomas', 5, { requirements: ['Ijazah asli', 'Fotokopi ijazah'], product: 'Fotokopi ijazah yang telah dilegalisasi' }, { quota: 80 }),
  svc('izin-madrasah', 'Izin Operasional Madrasah Swasta', 'Operating licence for a private madrasah', 20, { requirements: ['Akta yayasan', 'Bukti kepemilikan atau sewa lahan', 'Data pendidik dan peserta didik', 'Kurikulum'], product: 'Piagam izin operasional madrasah' }, { priority: 'none', completionDays: 30 }),
  svc('izin-lpq', 'Izin Operasional Lembaga Pendidikan Al-Qur’an (TPQ)', 'Operating licence for a Quran school (TPQ)', 15, { requirements: ['Surat permohonan pengurus', 'Struktur pengurus dan daftar santri', 'Surat keterangan domisili'], product: 'Piagam izin operasional LPQ' }, { priority: 'none', completionDays: 14 }),
  svc('rekomendasi-rumah-ibadah', 'Rekomendasi Pendirian Rumah Ibadah', 'Recommendation for building a house of worship', 20, { requirements: ['Daftar 90 pengguna rumah ibadah dengan KTP-el', 'Dukungan 60 warga setempat disahkan lurah', 'Rekomendasi FKUB Kota Kendari'], product: 'Surat rekomendasi Kepala Kantor Kemenag' }, { priority: 'none', completionDays: 14 }),
  svc('pendampingan-halal', 'Pendampingan Sertifikasi Halal Self-Declare', 'Halal certification support (self-declare)', 20, { requirements: ['NIB usaha mikro atau kecil', KTP, 'Daftar bahan dan proses produksi'], product: 'Pendaftaran sertifikasi halal di SIHALAL', fee: 'Gratis (program sertifikasi halal gratis)' }, { quota: 40, channels: ['langsung', 'digital'] }),
  svc('ikrar-wakaf', 'Informasi Ikrar dan Sertifikasi Tanah Wakaf', 'Information on endowment (waqf) and land certification', 15, { requirements: ['Bukti kepemilikan tanah', 'KTP-el wakif dan nazhir'], product: 'Informasi dan pengantar ke KUA/BPN' }),
  svc('pengukuran-arah-kiblat', 'Permohonan Pengukuran Arah Kiblat', 'Qibla direction measurement', 10, { requirements: ['Surat permohonan pengurus masjid atau musala'], product: 'Berita acara pengukuran arah kiblat' }, { completionDays: 7 }),
];
