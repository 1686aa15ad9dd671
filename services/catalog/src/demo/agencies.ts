/**
 * The agencies of the demo mall, modelled on public reports of MPP Kota Kendari: the city's own
 * offices (OPD), central institutions' local offices (vertical), state and regional companies.
 * Each row also says where the agency sits (booths, counters), how its citizens queue, how many
 * officers it posts and by which decree its service standards were adopted.
 */

export type AgencyKindName = 'VERTICAL' | 'OPD' | 'BUMN' | 'BUMD';

export interface BoothSpec {
  /** Gerai number, mall-wide 1..20. */
  readonly number: number;
  readonly floor: string;
  /** Loket in this booth; counters are numbered mall-wide in booth order. */
  readonly counters: number;
  /** The queue this booth serves when its agency has more than one. */
  readonly queue?: string;
  /** Set when the booth does not serve (shown on the kiosk). */
  readonly inactiveReason?: string;
}

export interface AgencySpec {
  /** Unique per deployment: national companies keep one code, city offices are city-qualified. */
  readonly code: string;
  readonly name: string;
  /** How citizens and the boards call it. */
  readonly short: string;
  readonly kind: AgencyKindName;
  /** MoU, then cooperation agreement (PKS) with its end; an onboarding agency has only the MoU. */
  readonly membership: { readonly status: 'active' | 'onboarding'; readonly mou: string; readonly pks?: string; readonly pksEnds?: string };
  readonly booths: readonly BoothSpec[];
  /** Prefix (one or two capitals, unique in the mall) and board name of each queue. */
  readonly queues: readonly { readonly prefix: string; readonly name: string }[];
  readonly officers: number;
  /** The decree adopting its service standards (one per agency, as cities publish them); none before it serves. */
  readonly decree?: { readonly number: string; readonly adoptedOn: string; readonly reviewedOn?: string };
  readonly legalBasis: string;
  /** The agency's own complaint line, besides SP4N-LAPOR! and the MPP desk. */
  readonly complaintLine?: string;
}

const active = (mou: string, pks: string, pksEnds: string) => ({ status: 'active', mou, pks, pksEnds }) as const;

export const AGENCIES: readonly AgencySpec[] = [
  {
    code: 'disdukcapil-kendari', name: 'Dinas Kependudukan dan Pencatatan Sipil Kota Kendari', short: 'Disdukcapil', kind: 'OPD',
    membership: active('2021-09-06', '2021-10-18', '2026-10-18'),
    // The busiest agency: one booth for identity cards, one for family cards and civil records.
    booths: [{ number: 1, floor: '1', counters: 4, queue: 'A' }, { number: 2, floor: '1', counters: 3, queue: 'B' }],
    queues: [{ prefix: 'A', name: 'Disdukcapil — KTP-el, KIA dan IKD' }, { prefix: 'B', name: 'Disdukcapil — KK, Akta dan Pindah' }],
    officers: 7,
    decree: { number: '188.4/112/2024', adoptedOn: '2024-02-12', reviewedOn: '2025-02-10' },
    legalBasis: 'UU 23/2006 jo. UU 24/2013 tentang Administrasi Kependudukan; Perpres 96/2018; Permendagri 108/2019',
  },
  {
    code: 'dpmptsp-kendari', name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Kendari', short: 'DPMPTSP', kind: 'OPD',
    membership: active('2021-09-06', '2021-10-18', '2026-10-18'),
    // The second licensing booth is closed for renovation; its services stay on booth 3.
    booths: [{ number: 3, floor: '1', counters: 4 }, { number: 19, floor: '2', counters: 2, inactiveReason: 'Renovasi' }],
    queues: [{ prefix: 'P', name: 'DPMPTSP — Perizinan dan Nonperizinan' }],
    officers: 4,
    decree: { number: '188.4/123/2025', adoptedOn: '2025-01-20' },
    legalBasis: 'PP 28/2025 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko; PP 16/2021 tentang Bangunan Gedung; PP 22/2021 tentang Perlindungan dan Pengelolaan Lingkungan Hidup',
  },
  {
    code: 'bapenda-kendari', name: 'Badan Pendapatan Daerah Kota Kendari', short: 'Bapenda', kind: 'OPD',
    membership: active('2021-09-06', '2021-11-01', '2026-11-01'),
    booths: [{ number: 4, floor: '1', counters: 2 }],
    queues: [{ prefix: 'D', name: 'Bapenda — PBB-P2, BPHTB dan Pajak Daerah' }],
    officers: 2,
    decree: { number: '188.4/131/2024', adoptedOn: '2024-03-04' },
    legalBasis: 'UU 1/2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah; Perda Kota Kendari tentang Pajak Daerah dan Retribusi Daerah',
  },
  {
    // Samsat is a joint office of the provincial revenue agency, the regional police and Jasa
    // Raharja: not the city's own office, and serving the whole province, so vertical with a
    // province-qualified code.
    code: 'samsat-sultra', name: 'UPTB Samsat Kota Kendari (Bapenda Provinsi Sulawesi Tenggara, Ditlantas Polda Sultra, Jasa Raharja)', short: 'Samsat', kind: 'VERTICAL',
    membership: active('2021-09-20', '2021-12-01', '2026-12-01'),
    booths: [{ number: 5, floor: '1', counters: 3 }],
    queues: [{ prefix: 'S', name: 'Samsat — Pajak Kendaraan dan STNK' }],
    officers: 3,
    decree: { number: '188.4/140/2024', adoptedOn: '2024-04-15', reviewedOn: '2025-04-14' },
    legalBasis: 'UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan; Perpres 5/2015 tentang Samsat; PP 76/2020 tentang PNBP Polri',
  },
  {
    code: 'polres-kendari', name: 'Kepolisian Resor Kota Kendari (Polresta Kendari)', short: 'Polresta Kendari', kind: 'VERTICAL',
    membership: active('2021-09-20', '2021-12-01', '2026-12-01'),
    booths: [{ number: 6, floor: '1', counters: 3 }],
    queues: [{ prefix: 'K', name: 'Polresta — SKCK dan SIM' }],
    officers: 3,
    decree: { number: '188.4/141/2024', adoptedOn: '2024-04-15' },
    legalBasis: 'UU 2/2002 tentang Kepolisian Negara RI; Perkap 18/2014 tentang SKCK; Perpol 5/2021 tentang SIM; PP 76/2020 tentang PNBP Polri',
  },
  {
    code: 'imigrasi-kendari', name: 'Kantor Imigrasi Kelas I TPI Kendari', short: 'Imigrasi', kind: 'VERTICAL',
    membership: active('2022-01-17', '2022-03-07', '2027-03-07'),
    // A second passport booth waits for staff; passports are served at booth 7 meanwhile.
    booths: [{ number: 7, floor: '1', counters: 3 }, { number: 20, floor: '2', counters: 1, inactiveReason: 'Menunggu penempatan petugas' }],
    queues: [{ prefix: 'I', name: 'Imigrasi — Paspor dan Izin Tinggal' }],
    officers: 3,
    decree: { number: '188.4/152/2025', adoptedOn: '2025-02-03', reviewedOn: '2025-08-04' },
    legalBasis: 'UU 6/2011 tentang Keimigrasian; PP 31/2013 jo. PP 48/2021; PP tentang jenis dan tarif PNBP yang berlaku',
  },
  {
    code: 'kpp-pratama-kendari', name: 'Kantor Pelayanan Pajak Pratama Kendari', short: 'KPP Pratama Kendari', kind: 'VERTICAL',
    membership: active('2021-09-20', '2022-01-10', '2027-01-10'),
    booths: [{ number: 8, floor: '1', counters: 2 }],
    queues: [{ prefix: 'PJ', name: 'KPP Pratama — Perpajakan' }],
    officers: 2,
    decree: { number: '188.4/158/2024', adoptedOn: '2024-05-06' },
    legalBasis: 'UU 6/1983 tentang Ketentuan Umum dan Tata Cara Perpajakan s.t.d.t.d. UU 6/2023; PMK 81/2024',
    complaintLine: 'Kring Pajak 1500200',
  },
  {
    code: 'bpn-kendari', name: 'Kantor Pertanahan Kota Kendari', short: 'BPN', kind: 'VERTICAL',
    membership: active('2021-10-04', '2022-01-10', '2027-01-10'),
    booths: [{ number: 9, floor: '1', counters: 2 }],
    queues: [{ prefix: 'BN', name: 'BPN — Pertanahan' }],
    officers: 2,
    decree: { number: '188.4/160/2024', adoptedOn: '2024-05-06' },
    legalBasis: 'UU 5/1960 tentang Peraturan Dasar Pokok-Pokok Agraria; PP 24/1997 dan PP 18/2021 tentang pendaftaran tanah; PP 128/2015 tentang PNBP ATR/BPN',
  },
  {
    code: 'kemenag-kendari', name: 'Kantor Kementerian Agama Kota Kendari', short: 'Kemenag', kind: 'VERTICAL',
    membership: active('2021-10-04', '2022-02-14', '2027-02-14'),
    booths: [{ number: 10, floor: '1', counters: 2 }],
    queues: [{ prefix: 'G', name: 'Kemenag — Haji, Umrah dan Keagamaan' }],
    officers: 2,
    decree: { number: '188.4/163/2024', adoptedOn: '2024-06-03' },
    legalBasis: 'UU 8/2019 tentang Penyelenggaraan Ibadah Haji dan Umrah; UU 1/1974 tentang Perkawinan; PP 48/2014 tentang PNBP Kementerian Agama',
  },
  {
    code: 'disnaker-kendari', name: 'Dinas Tenaga Kerja dan Transmigrasi Kota Kendari', short: 'Disnaker', kind: 'OPD',
    membership: active('2022-05-09', '2022-07-04', '2027-07-04'),
    booths: [{ number: 11, floor: '2', counters: 1 }],
    queues: [{ prefix: 'N', name: 'Disnaker — Ketenagakerjaan' }],
    officers: 1,
    decree: { number: '188.4/171/2024', adoptedOn: '2024-07-01' },
    legalBasis: 'UU 13/2003 tentang Ketenagakerjaan s.t.d.t.d. UU 6/2023; Permenaker 39/2016 tentang Penempatan Tenaga Kerja',
  },
  {
    code: 'bpjs-kesehatan', name: 'BPJS Kesehatan Cabang Kendari', short: 'BPJS Kesehatan', kind: 'BUMN',
    membership: active('2021-09-06', '2021-11-15', '2026-11-15'),
    booths: [{ number: 12, floor: '2', counters: 2 }],
    queues: [{ prefix: 'JK', name: 'BPJS Kesehatan — JKN' }],
    officers: 2,
    decree: { number: '188.4/176/2024', adoptedOn: '2024-07-15', reviewedOn: '2025-07-14' },
    legalBasis: 'UU 40/2004 tentang SJSN; UU 24/2011 tentang BPJS; Perpres 82/2018 tentang Jaminan Kesehatan s.t.d.t.d. Perpres 59/2024',
    complaintLine: 'BPJS Kesehatan Care Center 165',
  },
  {
    code: 'bpjs-ketenagakerjaan', name: 'BPJS Ketenagakerjaan Cabang Kendari', short: 'BPJS Ketenagakerjaan', kind: 'BUMN',
    membership: active('2021-09-06', '2021-11-15', '2026-11-15'),
    booths: [{ number: 13, floor: '2', counters: 2 }],
    queues: [{ prefix: 'JT', name: 'BPJS Ketenagakerjaan' }],
    officers: 2,
    decree: { number: '188.4/177/2024', adoptedOn: '2024-07-15' },
    legalBasis: 'UU 40/2004 tentang SJSN; UU 24/2011 tentang BPJS; PP 44/2015, PP 45/2015, PP 46/2015 dan PP 37/2021',
    complaintLine: 'BPJS Ketenagakerjaan 175',
  },
  {
    code: 'pos-indonesia', name: 'PT Pos Indonesia (Persero) KCU Kendari', short: 'Kantor Pos', kind: 'BUMN',
    membership: active('2022-02-07', '2022-04-04', '2027-04-04'),
    booths: [{ number: 14, floor: '2', counters: 1 }],
    queues: [{ prefix: 'PS', name: 'Kantor Pos' }],
    officers: 1,
    decree: { number: '188.4/180/2024', adoptedOn: '2024-08-05' },
    legalBasis: 'UU 38/2009 tentang Pos; PP 46/2021 tentang Pos, Telekomunikasi, dan Penyiaran',
  },
  {
    code: 'bri', name: 'PT Bank Rakyat Indonesia (Persero) Tbk Kantor Cabang Kendari', short: 'BRI', kind: 'BUMN',
    membership: active('2021-10-04', '2022-01-10', '2027-01-10'),
    booths: [{ number: 15, floor: '2', counters: 2 }],
    queues: [{ prefix: 'R', name: 'BRI' }],
    officers: 2,
    decree: { number: '188.4/182/2024', adoptedOn: '2024-08-05' },
    legalBasis: 'UU 7/1992 tentang Perbankan s.t.d.t.d. UU 4/2023 (P2SK); POJK tentang perlindungan konsumen sektor jasa keuangan',
  },
  {
    code: 'pegadaian', name: 'PT Pegadaian Cabang Kendari', short: 'Pegadaian', kind: 'BUMN',
    membership: active('2022-02-07', '2022-04-04', '2027-04-04'),
    booths: [{ number: 16, floor: '2', counters: 1 }],
    queues: [{ prefix: 'GD', name: 'Pegadaian' }],
    officers: 1,
    decree: { number: '188.4/184/2024', adoptedOn: '2024-08-19' },
    legalBasis: 'POJK 31/2016 tentang Usaha Pergadaian; UU 4/2023 tentang Pengembangan dan Penguatan Sektor Keuangan',
  },
  {
    code: 'pln', name: 'PT PLN (Persero) UP3 Kendari', short: 'PLN', kind: 'BUMN',
    // MoU signed, no cooperation agreement yet: no booth, no service until it is active.
    membership: { status: 'onboarding', mou: '2025-10-13' },
    booths: [],
    queues: [],
    officers: 0,
    legalBasis: 'UU 30/2009 tentang Ketenagalistrikan',
  },
  {
    code: 'pdam-kendari', name: 'Perumda Air Minum Tirta Anoa Kota Kendari', short: 'PDAM Tirta Anoa', kind: 'BUMD',
    membership: active('2021-09-06', '2021-11-01', '2026-11-01'),
    booths: [{ number: 17, floor: '2', counters: 2 }],
    queues: [{ prefix: 'M', name: 'PDAM Tirta Anoa — Air Minum' }],
    officers: 2,
    decree: { number: '188.4/188/2024', adoptedOn: '2024-09-02' },
    legalBasis: 'PP 122/2015 tentang Sistem Penyediaan Air Minum; Permendagri 21/2020; Perda Kota Kendari tentang Perumda Air Minum Tirta Anoa',
  },
  {
    code: 'bank-sultra', name: 'PT Bank Pembangunan Daerah Sulawesi Tenggara (Bank Sultra)', short: 'Bank Sultra', kind: 'BUMD',
    membership: active('2021-09-06', '2021-11-01', '2026-11-01'),
    booths: [{ number: 18, floor: '2', counters: 2 }],
    queues: [{ prefix: 'BS', name: 'Bank Sultra' }],
    officers: 1,
    decree: { number: '188.4/190/2024', adoptedOn: '2024-09-02' },
    legalBasis: 'UU 7/1992 tentang Perbankan s.t.d.t.d. UU 4/2023 (P2SK); Perda Provinsi Sulawesi Tenggara tentang PT Bank Sultra',
  },
];
