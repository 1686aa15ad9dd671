/**
 * Invented officer names: common Indonesian given names and family names of Sulawesi Tenggara
 * combined so that no pair repeats. They stand for no real person; the roster is demo data.
 */

const GIVEN: readonly string[] = [
  'Andi', 'Wa Ode Sitti', 'La Ode Rahmat', 'Nurhayati', 'Muhammad Irfan', 'Fitriani', 'Hasriani', 'Irwansyah',
  'Asrul', 'Sulfikar', 'Hasmawati', 'Ridwan', 'Yuliana', 'Rini', 'Dedi', 'Agustina',
  'Nurul Aini', 'Ayu Lestari', 'Fadli', 'Syamsul', 'Risna', 'Wahyuni', 'Ikhsan', 'Marlina',
  'Harun', 'Yusran', 'Erniwati', 'Hendra', 'Suryani', 'Anita', 'Arman', 'Darmawati',
];

const FAMILY: readonly string[] = [
  'Pratama', 'Rahmawati', 'Safitri', 'Kurniawan', 'Hamzah', 'Amiruddin', 'Syahrir', 'Baharuddin',
  'Jamaluddin', 'Nurdin', 'Ramadhan', 'Wulandari', 'Hasanuddin', 'Setiawan', 'Anwar', 'Mansyur',
  'Sulaiman', 'Tahir', 'Abidin', 'Saputra',
];

/**
 * The `index`-th name. Steps through both lists with different strides (7 and 11); the pairs
 * repeat only after lcm(32, 20) = 160 names, far more than the roster needs.
 */
export function officerName(index: number): string {
  return `${GIVEN[(index * 7) % GIVEN.length]!} ${FAMILY[(index * 11 + 3) % FAMILY.length]!}`;
}
