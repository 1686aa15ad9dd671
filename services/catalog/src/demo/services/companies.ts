import { svc, type ServiceSpec } from '../spec.js';

/** Kantor Pos, BRI, Pegadaian (state companies); PDAM Tirta Anoa and Bank Sultra (regional companies). */

const KTP = 'KTP-el asli';
const NPWP = 'NPWP (untuk nominal tertentu)';
const TARIF_POS = 'Sesuai tarif layanan PT Pos Indonesia yang berlaku';

export const POST: readonly ServiceSpec[] = [
  svc('kirim-surat-paket', 'Pengiriman Surat dan Paket (Pos Express, Pos Reguler)', 'Letter and parcel delivery', 5, { requirements: ['Kiriman yang telah dikemas', 'Alamat lengkap pengirim dan penerima'], product: 'Resi pengiriman dengan nomor lacak', fee: TARIF_POS }, { quota: 0 }),
  svc('weselpos', 'Pengiriman Uang Weselpos Instan', 'Postal money transfer', 5, { requirements: [KTP, 'Data penerima'], product: 'Bukti kirim weselpos', fee: TARIF_POS }),
  svc('penyaluran-bansos', 'Penyaluran Bantuan Sosial (BPNT, PKH)', 'Social assistance disbursement', 10, { requirements: [KTP, 'Kartu Keluarga', 'Surat undangan penyaluran'], product: 'Bantuan diterima dan bukti penyaluran' }, { quota: 200, channels: ['langsung', 'bergerak'] }),
  svc('pospay-tagihan', 'Pembayaran Tagihan (listrik, air, telepon, BPJS) melalui Pospay', 'Bill payment (Pospay)', 5, { requirements: ['Nomor pelanggan atau tagihan'], product: 'Bukti pembayaran', fee: 'Biaya administrasi sesuai jenis tagihan' }, { channels: ['langsung', 'digital'] }),
  svc('pembayaran-pensiun', 'Pembayaran Pensiun (Taspen, Asabri)', 'Pension payment', 5, { requirements: ['Kartu identitas pensiunan', KTP], product: 'Dana pensiun diterima' }),
  svc('meterai-prangko', 'Penjualan Meterai dan Prangko', 'Duty stamps and postage stamps', 5, { requirements: ['Tidak ada persyaratan khusus'], product: 'Meterai atau prangko', fee: 'Meterai Rp10.000; prangko sesuai nilai' }),
  svc('giropos', 'Pembukaan Rekening Giropos', 'Giropos account opening', 15, { requirements: [KTP, NPWP], product: 'Rekening Giropos', fee: 'Setoran awal sesuai ketentuan' }),
  svc('filateli', 'Layanan Filateli dan Prangko Prisma', 'Philately and personalised stamps', 10, { requirements: ['Foto atau desain untuk prangko prisma'], product: 'Prangko dan benda filateli', fee: TARIF_POS }),
  svc('antar-dokumen-kependudukan', 'Pengantaran Dokumen Kependudukan ke Rumah', 'Home delivery of population documents', 5, { requirements: ['Tanda terima dokumen Disdukcapil', 'Alamat lengkap'], product: 'Dokumen diantar ke alamat pemohon', fee: TARIF_POS }),
  svc('antar-paspor', 'Pengiriman Paspor ke Alamat Pemohon', 'Passport home delivery', 5, { requirements: ['Tanda terima permohonan paspor', 'Alamat lengkap'], product: 'Paspor diantar ke alamat pemohon', fee: TARIF_POS }),
  svc('pos-kargo-umkm', 'Pengiriman Barang UMKM (Pos Kargo)', 'Cargo for small businesses', 10, { requirements: ['Barang yang telah dikemas', 'Data pengirim dan penerima'], product: 'Resi kargo', fee: TARIF_POS }, { priority: 'none' }),
  svc('pos-giro-cash', 'Setor dan Tarik Tunai Giropos', 'Giropos cash deposit and withdrawal', 5, { requirements: [KTP, 'Buku atau kartu Giropos'], product: 'Bukti transaksi' }),
];

const BANK_FEE = 'Setoran awal dan biaya administrasi sesuai ketentuan produk bank';
const LOAN_FEE = 'Bunga, provisi dan biaya administrasi sesuai ketentuan bank';
const USAHA = 'Surat keterangan usaha atau NIB';
export const BRI: readonly ServiceSpec[] = [
  svc('bri-britama', 'Pembukaan Rekening Tabungan BritAma', 'BritAma savings account opening', 15, { requirements: [KTP, NPWP], product: 'Buku tabungan dan kartu debit', fee: BANK_FEE }),
  svc('bri-simpedes', 'Pembukaan Rekening Simpedes', 'Simpedes savings account opening', 15, { requirements: [KTP], product: 'Buku tabungan dan kartu debit', fee: BANK_FEE }),
  svc('bri-simpel', 'Pembukaan Tabungan Simpanan Pelajar (SimPel)', 'Student savings account opening', 10, { requirements: ['Kartu pelajar atau surat keterangan sekolah', 'KTP-el orang tua atau wali', 'Kartu Keluarga'], product: 'Buku tabungan SimPel', fee: 'Setoran awal mulai Rp1.000' }),
  svc('bri-deposito', 'Pembukaan Deposito', 'Time deposit opening', 15, { requirements: [KTP, NPWP, 'Rekening tabungan BRI'], product: 'Bilyet deposito', fee: BANK_FEE }),
  svc('bri-kur-mikro', 'Pengajuan Kredit Usaha Rakyat (KUR) Mikro', 'Micro people’s business credit (KUR)', 20, { requirements: [KTP, 'Kartu Keluarga', USAHA, 'Usaha telah berjalan minimal 6 bulan'], product: 'Keputusan kredit dan pencairan KUR', fee: 'Bunga KUR sesuai ketentuan pemerintah; tanpa biaya provisi dan administrasi' }, { completionDays: 5 }),
  svc('bri-kur-kecil', 'Pengajuan KUR Kecil', 'Small people’s business credit (KUR)', 25, { requirements: [KTP, 'Kartu Keluarga', USAHA, 'NPWP', 'Agunan tambahan sesuai penilaian bank'], product: 'Keputusan kredit dan pencairan KUR', fee: 'Bunga KUR sesuai ketentuan pemerintah' }, { completionDays: 10 }),
  svc('bri-kpr-informasi', 'Informasi dan Pengajuan KPR', 'Home loan information and application', 20, { requirements: [KTP, 'Kartu Keluarga', 'Slip gaji atau laporan usaha'], product: 'Simulasi dan pengajuan KPR', fee: LOAN_FEE }, { completionDays: 14 }),
  svc('bri-kartu-debit', 'Penggantian Kartu Debit Hilang atau Rusak', 'Replacement of a lost or damaged debit card', 10, { requirements: [KTP, 'Buku tabungan'], product: 'Kartu debit baru', fee: 'Sesuai ketentuan bank' }),
  svc('bri-brimo', 'Registrasi dan Aktivasi BRImo', 'BRImo mobile banking activation', 10, { requirements: [KTP, 'Rekening BRI dan kartu debit', 'Telepon pintar'], product: 'BRImo aktif' }, { channels: ['langsung', 'digital'] }),
  svc('bri-setoran-pnbp', 'Penerimaan Setoran PNBP (paspor, SKCK, SIM)', 'Payment of non-tax state revenue (passport, SKCK, licences)', 5, { requirements: ['Kode billing PNBP'], product: 'Bukti penerimaan negara (BPN) dengan NTPN' }, { quota: 0 }),
  svc('bri-agen-brilink', 'Pendaftaran Agen BRILink', 'BRILink agent registration', 20, { requirements: [KTP, USAHA, 'Rekening BRI'], product: 'Perjanjian keagenan dan mesin EDC' }, { priority: 'none', completionDays: 7 }),
  svc('bri-qris', 'Pendaftaran QRIS Merchant', 'QRIS merchant registration', 10, { requirements: [KTP, USAHA, 'Rekening BRI'], product: 'QRIS merchant aktif' }, { channels: ['langsung', 'digital'], completionDays: 3 }),
];

const GADAI_FEE = 'Sewa modal dan biaya administrasi sesuai ketentuan Pegadaian';
export const PAWNSHOP: readonly ServiceSpec[] = [
  svc('gadai-emas', 'Gadai Emas (KCA)', 'Gold pawn loan', 10, { requirements: [KTP, 'Perhiasan atau logam mulia'], product: 'Surat Bukti Gadai dan pencairan dana', fee: GADAI_FEE }, { quota: 100 }),
  svc('gadai-elektronik', 'Gadai Barang Elektronik dan Kendaraan', 'Pawn loan on electronics and vehicles', 15, { requirements: [KTP, 'Barang jaminan dengan kelengkapan (dus, nota, BPKB)'], product: 'Surat Bukti Gadai dan pencairan dana', fee: GADAI_FEE }),
  svc('gadai-perpanjangan', 'Perpanjangan atau Ulang Gadai', 'Pawn loan extension', 5, { requirements: ['Surat Bukti Gadai', KTP], product: 'Surat Bukti Gadai baru', fee: GADAI_FEE }, { channels: ['langsung', 'digital'] }),
  svc('gadai-penebusan', 'Penebusan atau Pelunasan Gadai', 'Pawn loan redemption', 5, { requirements: ['Surat Bukti Gadai', KTP], product: 'Barang jaminan dikembalikan', fee: GADAI_FEE }, { channels: ['langsung', 'digital'] }),
  svc('tabungan-emas', 'Pembukaan Tabungan Emas', 'Gold savings account', 10, { requirements: [KTP], product: 'Buku tabungan emas', fee: 'Biaya administrasi pembukaan dan titipan sesuai ketentuan' }, { channels: ['langsung', 'digital'] }),
  svc('cicil-emas', 'Cicil Emas (Mulia)', 'Gold instalment purchase', 15, { requirements: [KTP, 'Uang muka'], product: 'Akad cicil emas; logam mulia diserahkan setelah lunas', fee: 'Margin dan biaya administrasi sesuai ketentuan' }, { completionDays: 3 }),
  svc('kreasi', 'Kredit Angsuran Fidusia (Kreasi)', 'Fiduciary instalment credit (Kreasi)', 20, { requirements: [KTP, 'Kartu Keluarga', 'BPKB kendaraan', USAHA], product: 'Akad kredit dan pencairan dana', fee: GADAI_FEE }, { completionDays: 3 }),
  svc('amanah', 'Pembiayaan Kepemilikan Kendaraan (Amanah)', 'Vehicle financing (Amanah)', 20, { requirements: [KTP, 'Kartu Keluarga', 'Slip gaji atau surat keterangan penghasilan'], product: 'Akad pembiayaan kendaraan', fee: 'Margin dan biaya administrasi sesuai ketentuan' }, { completionDays: 5 }),
  svc('arrum-haji', 'Pembiayaan Porsi Haji (Arrum Haji)', 'Hajj seat financing', 20, { requirements: [KTP, 'Kartu Keluarga', 'Jaminan emas senilai ketentuan', 'Buku tabungan haji'], product: 'Setoran awal Bipih dan nomor porsi', fee: 'Biaya pemeliharaan dan administrasi sesuai ketentuan' }, { completionDays: 3 }),
  svc('buyback-emas', 'Jual Kembali (Buyback) Emas', 'Gold buyback', 10, { requirements: [KTP, 'Logam mulia dengan sertifikat'], product: 'Dana hasil penjualan', fee: 'Sesuai harga buyback hari itu' }),
  svc('pegadaian-multipembayaran', 'Multi Pembayaran Online (listrik, air, BPJS)', 'Bill payment', 5, { requirements: ['Nomor pelanggan atau tagihan'], product: 'Bukti pembayaran', fee: 'Biaya administrasi sesuai jenis tagihan' }),
  svc('taksiran-emas', 'Taksiran dan Uji Keaslian Emas', 'Gold appraisal and authenticity test', 10, { requirements: ['Perhiasan atau logam mulia'], product: 'Hasil taksiran dan uji karat' }),
];

const PELANGGAN = 'Nomor sambungan pelanggan dan rekening bulan terakhir';
const PDAM_FEE = 'Sesuai Peraturan Direksi Perumda Air Minum Tirta Anoa tentang tarif';
export const WATER: readonly ServiceSpec[] = [
  svc('pdam-sambungan-baru', 'Pemasangan Sambungan Baru Air Minum', 'New water connection', 20, { requirements: [KTP, 'Kartu Keluarga', 'Surat keterangan domisili atau bukti kepemilikan rumah', 'Denah lokasi rumah'], product: 'Sambungan rumah terpasang dan meter air', fee: `Biaya sambungan baru ${PDAM_FEE}` }, { quota: 40, channels: ['langsung', 'digital'], completionDays: 14 }),
  svc('pdam-balik-nama', 'Balik Nama Pelanggan', 'Change of account holder', 10, { requirements: ['KTP-el pemilik baru', PELANGGAN, 'Bukti kepemilikan atau jual beli rumah'], product: 'Data pelanggan atas nama baru', fee: PDAM_FEE }, { completionDays: 3 }),
  svc('pdam-pembayaran', 'Pembayaran Rekening Air', 'Water bill payment', 5, { requirements: [PELANGGAN], product: 'Bukti pembayaran rekening air', fee: 'Sesuai tagihan pemakaian' }, { quota: 300, channels: ['langsung', 'digital'] }),
  svc('pdam-pengaduan-gangguan', 'Pengaduan Kebocoran atau Air Tidak Mengalir', 'Leak or no-water complaint', 10, { requirements: [PELANGGAN, 'Lokasi gangguan'], product: 'Tanda terima dan perbaikan oleh tim teknik' }, { channels: ['langsung', 'digital'], completionDays: 2 }),
  svc('pdam-ganti-meter', 'Penggantian Meter Air Rusak', 'Replacement of a broken water meter', 10, { requirements: [PELANGGAN], product: 'Meter air baru terpasang', fee: PDAM_FEE }, { completionDays: 7 }),
  svc('pdam-pindah-meter', 'Pemindahan Letak Meter Air', 'Moving a water meter', 10, { requirements: [PELANGGAN, 'Denah letak meter yang diminta'], product: 'Meter air di lokasi baru', fee: PDAM_FEE }, { completionDays: 7 }),
  svc('pdam-sambung-kembali', 'Penyambungan Kembali setelah Penutupan', 'Reconnection after closure', 10, { requirements: [PELANGGAN, 'Bukti pelunasan tunggakan'], product: 'Aliran air tersambung kembali', fee: PDAM_FEE }, { completionDays: 2 }),
  svc('pdam-tutup-sementara', 'Penutupan Sementara atas Permintaan Pelanggan', 'Temporary closure on request', 10, { requirements: [PELANGGAN, KTP], product: 'Sambungan ditutup sementara' }, { completionDays: 2 }),
  svc('pdam-putus-permanen', 'Pemutusan Sambungan Permanen', 'Permanent disconnection', 10, { requirements: [PELANGGAN, KTP, 'Bukti pelunasan rekening'], product: 'Sambungan diputus dan berita acara' }, { completionDays: 3 }),
  svc('pdam-ubah-golongan', 'Perubahan Golongan Tarif', 'Change of tariff group', 10, { requirements: [PELANGGAN, 'Bukti perubahan peruntukan (rumah tangga, niaga, sosial)'], product: 'Golongan tarif baru' }, { completionDays: 7 }),
  svc('pdam-periksa-meter', 'Permohonan Pemeriksaan Meter Air', 'Water meter inspection', 10, { requirements: [PELANGGAN], product: 'Berita acara pemeriksaan meter' }, { completionDays: 3 }),
  svc('pdam-koreksi-rekening', 'Koreksi Rekening (kesalahan baca meter)', 'Bill correction (meter misread)', 10, { requirements: [PELANGGAN, 'Foto angka meter terkini'], product: 'Rekening yang dikoreksi' }, { completionDays: 3 }),
  svc('pdam-angsuran-tunggakan', 'Permohonan Angsuran Tunggakan Rekening', 'Arrears instalment plan', 10, { requirements: [PELANGGAN, KTP], product: 'Perjanjian angsuran tunggakan' }),
  svc('pdam-air-tangki', 'Pemesanan Air Tangki', 'Water tanker order', 5, { requirements: ['Alamat pengantaran'], product: 'Air tangki diantar', fee: PDAM_FEE }, { completionDays: 1 }),
  svc('pdam-informasi', 'Informasi Tagihan dan Pemakaian Air', 'Bill and consumption information', 5, { requirements: ['Nomor sambungan pelanggan'], product: 'Informasi tagihan dan riwayat pemakaian' }, { channels: ['langsung', 'digital'] }),
];

export const REGIONAL_BANK: readonly ServiceSpec[] = [
  svc('sultra-tabungan', 'Pembukaan Rekening Tabungan Bank Sultra', 'Savings account opening', 15, { requirements: [KTP, NPWP], product: 'Buku tabungan dan kartu ATM', fee: BANK_FEE }),
  svc('sultra-simpel', 'Pembukaan Tabungan Simpanan Pelajar (SimPel)', 'Student savings account opening', 10, { requirements: ['Kartu pelajar atau surat keterangan sekolah', 'KTP-el orang tua atau wali'], product: 'Buku tabungan SimPel', fee: 'Setoran awal mulai Rp1.000' }),
  svc('sultra-deposito', 'Pembukaan Deposito', 'Time deposit opening', 15, { requirements: [KTP, NPWP, 'Rekening tabungan Bank Sultra'], product: 'Bilyet deposito', fee: BANK_FEE }),
  svc('sultra-kredit-asn', 'Kredit Multiguna ASN dan PPPK', 'Multipurpose loan for civil servants', 20, { requirements: [KTP, 'SK pengangkatan terakhir', 'Slip gaji', 'Rekomendasi pimpinan instansi'], product: 'Akad kredit dan pencairan', fee: LOAN_FEE }, { completionDays: 5 }),
  svc('sultra-kredit-pensiun', 'Kredit Pensiunan', 'Pensioner loan', 20, { requirements: [KTP, 'SK pensiun', 'Kartu identitas pensiunan'], product: 'Akad kredit dan pencairan', fee: LOAN_FEE }, { completionDays: 5 }),
  svc('sultra-kredit-umkm', 'Kredit Modal Kerja UMKM', 'Working capital loan for small businesses', 25, { requirements: [KTP, USAHA, 'NPWP', 'Laporan keuangan sederhana'], product: 'Keputusan kredit dan pencairan', fee: LOAN_FEE }, { priority: 'none', completionDays: 10 }),
  svc('sultra-setoran-pajak-daerah', 'Penerimaan Setoran Pajak Daerah (PBB-P2, BPHTB, PBJT)', 'Payment of regional taxes', 5, { requirements: ['SPPT, SSPD atau kode bayar pajak daerah'], product: 'Bukti setor pajak daerah tervalidasi' }, { quota: 0, channels: ['langsung', 'digital'] }),
  svc('sultra-setoran-retribusi', 'Penerimaan Setoran Retribusi Daerah (PBG, persampahan)', 'Payment of regional levies', 5, { requirements: ['SKRD atau kode bayar retribusi'], product: 'Bukti setor retribusi' }, { channels: ['langsung', 'digital'] }),
  svc('sultra-pembayaran-pkb', 'Pembayaran Pajak Kendaraan Bermotor (e-Samsat)', 'Vehicle tax payment (e-Samsat)', 5, { requirements: ['Kode bayar e-Samsat atau nomor polisi'], product: 'Bukti pembayaran PKB', fee: 'PKB dan SWDKLLJ sesuai tagihan' }, { channels: ['langsung', 'digital'] }),
  svc('sultra-kartu-atm', 'Penggantian Kartu ATM', 'ATM card replacement', 10, { requirements: [KTP, 'Buku tabungan'], product: 'Kartu ATM baru', fee: 'Sesuai ketentuan bank' }),
  svc('sultra-mobile-banking', 'Aktivasi Mobile Banking', 'Mobile banking activation', 10, { requirements: [KTP, 'Rekening Bank Sultra', 'Telepon pintar'], product: 'Mobile banking aktif' }, { channels: ['langsung', 'digital'] }),
  svc('sultra-qris', 'Pendaftaran QRIS Merchant UMKM', 'QRIS merchant registration for small businesses', 10, { requirements: [KTP, USAHA, 'Rekening Bank Sultra'], product: 'QRIS merchant aktif' }, { completionDays: 3 }),
];
