/** How the board says a call out loud in Bahasa Indonesia: "Nomor antrian A dua belas, silakan menuju Loket tiga". */
const ONES = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];

/** A whole number in Indonesian words (terbilang), up to 9999. */
export function terbilang(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 12) return ONES[n]!;
  if (n < 20) return `${ONES[n - 10]} belas`;
  if (n < 100) return `${ONES[Math.floor(n / 10)]} puluh${n % 10 ? ` ${ONES[n % 10]}` : ''}`;
  if (n < 1000) {
    const head = n < 200 ? 'seratus' : `${ONES[Math.floor(n / 100)]} ratus`;
    return n % 100 ? `${head} ${terbilang(n % 100)}` : head;
  }
  const head = n < 2000 ? 'seribu' : `${ONES[Math.floor(n / 1000)]} ribu`;
  return n % 1000 ? `${head} ${terbilang(n % 1000)}` : head;
}

/** `B-017` → "B tujuh belas"; letters are spelled one by one ("B N" for BN). */
export function sayNumber(ticketNumber: string): string {
  const m = /^([A-Z]*)-?(\d+)$/.exec(ticketNumber.trim());
  if (!m) return ticketNumber;
  const letters = m[1]!.split('').join(' ');
  return `${letters} ${terbilang(Number(m[2]))}`.trim();
}

/** `Loket 3` → "Loket tiga". */
export function sayCounter(name: string): string {
  return name.replace(/\d+/g, (d) => terbilang(Number(d)));
}

export function announcement(ticketNumber: string, counterName: string): string {
  return `Nomor antrian ${sayNumber(ticketNumber)}, silakan menuju ${sayCounter(counterName)}.`;
}
