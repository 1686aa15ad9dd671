import { CHANGE, items, NEW, RENEWAL, REVOCATION, type LicenceAction, type LicenceFamily } from './licence-family.js';

/**
 * Business licensing through OSS (PP 28/2025, risk-based): one family per kind of licence, one
 * item per business activity a city's licensing office actually sees.
 */

const OSS = ['KTP-el pemilik atau penanggung jawab usaha', 'NPWP', 'Akta pendirian dan SK pengesahan (untuk badan usaha)', 'Alamat dan titik koordinat lokasi usaha', 'Akun OSS (dapat dibuat dengan pendampingan di loket)'];
const EXPANSION: LicenceAction = { code: 'pengembangan', id: 'Pengembangan Usaha', en: 'expansion', extra: ['NIB yang telah terbit', 'Data kegiatan atau lokasi usaha tambahan'] };

const PB: LicenceFamily = {
  code: 'pb', id: 'Perizinan Berusaha', en: 'Business licence', minutes: 20, days: 3, product: 'NIB dan Perizinan Berusaha',
  requirements: OSS,
  actions: [NEW, CHANGE, EXPANSION, REVOCATION],
  items: items(
    [
      // Trade
      ['minimarket', 'Minimarket', 'Minimarket'],
      ['supermarket', 'Supermarket dan Toko Swalayan', 'Supermarket'],
      ['toko-kelontong', 'Toko Kelontong', 'Grocery shop'],
      ['toko-bahan-bangunan', 'Toko Bahan Bangunan', 'Building materials shop'],
      ['toko-pakaian', 'Toko Pakaian dan Tekstil', 'Clothing and textile shop'],
      ['toko-elektronik', 'Toko Elektronik', 'Electronics shop'],
      ['toko-ponsel', 'Toko Telepon Seluler dan Aksesori', 'Mobile phone shop'],
      ['toko-emas', 'Toko Emas dan Perhiasan', 'Gold and jewellery shop'],
      ['toko-buku', 'Toko Buku dan Alat Tulis', 'Bookshop and stationery'],
      ['toko-pertanian', 'Toko Pupuk dan Sarana Pertanian', 'Farm supplies shop'],
      ['toko-kosmetik', 'Toko Kosmetik', 'Cosmetics shop'],
      ['toko-furnitur', 'Toko Furnitur', 'Furniture shop'],
      ['toko-oleh-oleh', 'Toko Oleh-oleh dan Makanan Khas', 'Souvenir and local food shop'],
      ['toko-hewan', 'Toko Hewan Peliharaan', 'Pet shop'],
      ['grosir-sembako', 'Perdagangan Besar Bahan Makanan (Grosir Sembako)', 'Food wholesale'],
      ['distributor-minuman', 'Distributor Minuman Ringan', 'Soft drink distribution'],
      ['dealer-motor', 'Dealer Sepeda Motor', 'Motorcycle dealer'],
      ['dealer-mobil', 'Dealer Mobil', 'Car dealer'],
      ['suku-cadang', 'Toko Suku Cadang Kendaraan', 'Vehicle parts shop'],
      ['perdagangan-ikan', 'Perdagangan Hasil Perikanan', 'Fish trading'],
      ['pangkalan-lpg', 'Pangkalan LPG', 'LPG retail outlet'],
      ['spbu', 'Stasiun Pengisian Bahan Bakar Umum (SPBU)', 'Petrol station'],
      ['perdagangan-online', 'Perdagangan Eceran melalui Internet', 'Online retail'],
      ['pasar-rakyat', 'Pengelolaan Pasar Rakyat', 'Traditional market management'],
      // Services
      ['laundry', 'Usaha Binatu (Laundry)', 'Laundry'],
      ['salon', 'Salon Kecantikan', 'Beauty salon'],
      ['pangkas-rambut', 'Pangkas Rambut', 'Barbershop'],
      ['bengkel-motor', 'Bengkel Sepeda Motor', 'Motorcycle repair'],
      ['bengkel-mobil', 'Bengkel Mobil', 'Car repair'],
      ['cuci-kendaraan', 'Pencucian Kendaraan', 'Car wash'],
      ['fotokopi', 'Fotokopi dan Jasa Penunjang Kantor', 'Photocopy and office support'],
      ['percetakan', 'Percetakan', 'Printing'],
      ['jasa-boga', 'Jasa Boga (Katering)', 'Catering'],
      ['konsultan-konstruksi', 'Jasa Konsultansi Konstruksi', 'Construction consultancy'],
      ['kontraktor', 'Jasa Pelaksana Konstruksi', 'Construction contractor'],
      ['pergudangan', 'Pergudangan', 'Warehousing'],
      ['kurir', 'Jasa Kurir dan Ekspedisi', 'Courier and freight forwarding'],
      ['rumah-kos', 'Rumah Kos', 'Boarding house'],
      ['event-organizer', 'Penyelenggara Acara (Event Organizer)', 'Event organiser'],
      ['studio-foto', 'Studio Foto', 'Photo studio'],
      ['rental-mobil', 'Rental Mobil', 'Car rental'],
      ['warnet', 'Warung Internet dan Game Online', 'Internet café'],
      ['servis-elektronik', 'Reparasi Alat Elektronik', 'Electronics repair'],
      ['penjahit', 'Penjahitan', 'Tailoring'],
      ['kebersihan-gedung', 'Jasa Kebersihan Gedung', 'Building cleaning'],
      ['pengendalian-hama', 'Pengendalian Hama', 'Pest control'],
      ['studio-musik', 'Studio Musik dan Rekaman', 'Music and recording studio'],
      ['periklanan', 'Jasa Periklanan', 'Advertising agency'],
      ['konsultan-manajemen', 'Jasa Konsultansi Manajemen', 'Management consultancy'],
      // Manufacturing
      ['industri-roti', 'Industri Roti dan Kue', 'Bakery'],
      ['depot-air-minum', 'Depot Air Minum Isi Ulang', 'Refill drinking water depot'],
      ['tahu-tempe', 'Industri Tahu dan Tempe', 'Tofu and tempeh production'],
      ['pengolahan-ikan', 'Pengolahan dan Pengawetan Ikan', 'Fish processing'],
      ['industri-furnitur', 'Industri Furnitur Kayu', 'Wooden furniture making'],
      ['batako', 'Industri Batako dan Paving Block', 'Concrete block making'],
      ['konveksi', 'Industri Pakaian Jadi (Konveksi)', 'Garment making'],
      ['kerajinan-tenun', 'Industri Kerajinan Tenun', 'Weaving craft'],
      ['pabrik-es', 'Industri Es Batu', 'Ice making'],
      ['pengolahan-kelapa', 'Industri Pengolahan Kelapa', 'Coconut processing'],
      ['pengolahan-sagu', 'Industri Pengolahan Sagu', 'Sago processing'],
      ['pengolahan-kopi', 'Industri Pengolahan Kopi', 'Coffee processing'],
      ['bengkel-las', 'Industri Barang dari Logam (Bengkel Las)', 'Metalwork and welding'],
      ['makanan-ringan', 'Industri Makanan Ringan (Keripik)', 'Snack food making'],
      // Farming and fisheries
      ['rumput-laut', 'Budidaya Rumput Laut', 'Seaweed farming'],
      ['keramba-ikan-laut', 'Pembesaran Ikan Laut (Keramba Jaring Apung)', 'Marine fish farming'],
      ['ikan-air-tawar', 'Pembesaran Ikan Air Tawar', 'Freshwater fish farming'],
      ['tambak-udang', 'Budidaya Udang (Tambak)', 'Shrimp farming'],
      ['ayam-petelur', 'Peternakan Ayam Petelur', 'Layer poultry farm'],
      ['ayam-pedaging', 'Peternakan Ayam Pedaging', 'Broiler farm'],
      ['sapi-potong', 'Peternakan Sapi Potong', 'Beef cattle farm'],
      ['hortikultura', 'Budidaya Sayuran dan Buah', 'Vegetable and fruit farming'],
      ['pembibitan-tanaman', 'Pembibitan Tanaman', 'Plant nursery'],
      // Other
      ['menara-telekomunikasi', 'Penyediaan Menara Telekomunikasi', 'Telecommunication towers'],
      ['real-estat', 'Real Estat (Pengembang Perumahan)', 'Property development'],
      ['angkutan-barang', 'Angkutan Barang Umum', 'General freight transport'],
    ],
    {
      spbu: { extra: ['Rekomendasi atau persetujuan dari badan usaha penyedia BBM'], days: 14 },
      'pangkalan-lpg': { extra: ['Surat penunjukan dari agen LPG'] },
      'menara-telekomunikasi': { extra: ['Rekomendasi teknis Dinas Komunikasi dan Informatika', 'Persetujuan warga sekitar'], days: 14 },
      'real-estat': { extra: ['Site plan yang disahkan'], days: 14 },
      supermarket: { extra: ['Kajian sosial ekonomi dan jarak dengan pasar rakyat'], days: 7 },
    },
  ),
};

const UMKU: LicenceFamily = {
  code: 'umku', id: 'Perizinan Berusaha untuk Menunjang Kegiatan Usaha (PB-UMKU)', en: 'Supporting business licence', minutes: 20, days: 7, product: 'PB-UMKU', naming: 'item',
  requirements: [...OSS.slice(0, 2), 'NIB yang telah terbit'],
  actions: [NEW, RENEWAL],
  items: items(
    [
      ['spp-irt', 'Sertifikat Produksi Pangan Industri Rumah Tangga (SPP-IRT)', 'Home-industry food production certificate (SPP-IRT)'],
      ['stpw-pewaralaba', 'Surat Tanda Pendaftaran Waralaba bagi Pewaralaba', 'Franchise registration (franchisor)'],
      ['stpw-penerima', 'Surat Tanda Pendaftaran Waralaba bagi Penerima Waralaba', 'Franchise registration (franchisee)'],
      ['minol', 'Izin Penjualan Minuman Beralkohol Golongan B dan C', 'Alcoholic beverage retail licence'],
      ['tera-uttp', 'Pelayanan Tera dan Tera Ulang Alat Ukur (UTTP)', 'Measuring instrument calibration'],
      ['pengeluaran-hewan', 'Rekomendasi Pengeluaran Hewan dan Produk Hewan', 'Export of animals and animal products from the city'],
      ['pemasukan-hewan', 'Rekomendasi Pemasukan Hewan dan Produk Hewan', 'Import of animals and animal products into the city'],
      ['skpb', 'Surat Keterangan Penyimpanan Barang (Gudang)', 'Warehouse goods storage statement'],
    ],
    {
      'spp-irt': { extra: ['Sertifikat penyuluhan keamanan pangan', 'Label produk dan hasil pemeriksaan sarana produksi'], days: 14 },
      minol: { extra: ['Surat penunjukan dari distributor', 'Rekomendasi lokasi dari camat'], days: 14 },
    },
  ),
};

const TOURISM: LicenceFamily = {
  code: 'pariwisata', id: 'Perizinan Berusaha Pariwisata', en: 'Tourism business licence', minutes: 20, days: 3, product: 'Sertifikat Standar Usaha Pariwisata',
  requirements: [...OSS, 'Foto tempat usaha dan fasilitas'],
  actions: [NEW, CHANGE],
  items: items([
    ['hotel-bintang', 'Hotel Bintang', 'Star-rated hotel'],
    ['hotel-nonbintang', 'Hotel Non-Bintang', 'Non-rated hotel'],
    ['pondok-wisata', 'Pondok Wisata (Homestay)', 'Homestay'],
    ['vila', 'Vila', 'Villa'],
    ['restoran', 'Restoran', 'Restaurant'],
    ['rumah-makan', 'Rumah Makan', 'Eating house'],
    ['kafe', 'Kafe', 'Café'],
    ['bar', 'Bar atau Rumah Minum', 'Bar'],
    ['karaoke', 'Karaoke', 'Karaoke'],
    ['spa', 'Spa', 'Spa'],
    ['panti-pijat', 'Panti Pijat', 'Massage parlour'],
    ['pusat-kebugaran', 'Pusat Kebugaran (Fitness Center)', 'Fitness centre'],
    ['gelanggang-olahraga', 'Gelanggang Olahraga', 'Sports hall'],
    ['arena-permainan', 'Arena Permainan', 'Games arcade'],
    ['biro-perjalanan', 'Biro Perjalanan Wisata', 'Tour operator'],
    ['agen-perjalanan', 'Agen Perjalanan Wisata', 'Travel agent'],
    ['pramuwisata', 'Jasa Pramuwisata', 'Tour guide services'],
    ['mice', 'Penyelenggara Pertemuan, Perjalanan Insentif, Konferensi dan Pameran (MICE)', 'Meetings, incentives, conferences and exhibitions (MICE)'],
    ['wisata-tirta', 'Wisata Tirta', 'Water tourism'],
    ['taman-rekreasi', 'Taman Rekreasi', 'Recreation park'],
    ['bumi-perkemahan', 'Bumi Perkemahan', 'Campground'],
  ]),
};

const ADVERTISING: LicenceFamily = {
  code: 'reklame', id: 'Izin Penyelenggaraan Reklame', en: 'Advertisement permit', minutes: 15, days: 3, product: 'Izin Penyelenggaraan Reklame',
  requirements: ['KTP-el pemohon', 'NIB atau NPWPD', 'Desain, ukuran dan naskah reklame', 'Foto dan titik lokasi pemasangan', 'Surat persetujuan pemilik lahan atau bangunan'],
  fee: 'Gratis; pajak reklame ditetapkan dan dibayar ke Bapenda',
  actions: [NEW, RENEWAL],
  items: items(
    [
      ['billboard', 'Billboard', 'Billboard'],
      ['baliho', 'Baliho', 'Large banner (baliho)'],
      ['videotron', 'Videotron dan Megatron', 'Video screen'],
      ['neon-box', 'Neon Box', 'Illuminated sign'],
      ['papan-nama', 'Papan Nama Usaha', 'Business name board'],
      ['spanduk', 'Spanduk', 'Cloth banner'],
      ['umbul-umbul', 'Umbul-umbul', 'Pennant banners'],
      ['banner', 'Banner dan Standing Banner', 'Standing banner'],
      ['kendaraan', 'Reklame pada Kendaraan', 'Vehicle advertising'],
      ['udara', 'Reklame Udara (Balon)', 'Balloon advertising'],
    ],
    { billboard: { extra: ['Gambar konstruksi dan perhitungan struktur'], days: 7 }, videotron: { extra: ['Gambar konstruksi dan perhitungan struktur'], days: 7 } },
  ),
};

export const BUSINESS_FAMILIES: readonly LicenceFamily[] = [PB, UMKU, TOURISM, ADVERTISING];
