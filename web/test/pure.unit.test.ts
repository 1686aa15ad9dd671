import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { match } from '../src/app/paths';
import { sha256 } from '../src/app/sha256';
import { translate, type Dict } from '../src/app/i18n-core';
import { announcement, sayNumber, terbilang } from '../src/pages/board/speech';

describe('sha256 (PKCE on plain-http LANs, where crypto.subtle is missing)', () => {
  it('agrees with node:crypto on lengths around the block boundaries and on random inputs', () => {
    const inputs = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000].map((n) => randomBytes(n));
    for (let i = 0; i < 50; i++) inputs.push(randomBytes(Math.floor(Math.random() * 300)));
    for (const input of inputs) expect(Buffer.from(sha256(new Uint8Array(input))).toString('hex')).toBe(createHash('sha256').update(input).digest('hex'));
  });
  it('gives the RFC 7636 example challenge', () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    expect(Buffer.from(sha256(new TextEncoder().encode(verifier))).toString('base64url')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
});

describe('terbilang: numbers as the board says them', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [115, 'seratus lima belas'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
    [1000, 'seribu'],
    [2024, 'dua ribu dua puluh empat'],
  ])('%i → %s', (n, words) => expect(terbilang(n)).toBe(words));

  it('spells the prefix and reads the number without its zeros', () => {
    expect(sayNumber('A-001')).toBe('A satu');
    expect(sayNumber('BN-017')).toBe('B N tujuh belas');
    expect(announcement('B-120', 'Loket 3')).toBe('Nomor antrian B seratus dua puluh, silakan menuju Loket tiga.');
  });
});

describe('route patterns', () => {
  it('matches segments and decodes parameters', () => {
    expect(match('/m/:mallId/kiosk', '/m/kendari/kiosk')).toEqual({ mallId: 'kendari' });
    expect(match('/ticket/:ticketId', '/ticket/a2Vu.ZGFy')).toEqual({ ticketId: 'a2Vu.ZGFy' });
    expect(match('/m/:mallId', '/m/kota%20baru')).toEqual({ mallId: 'kota baru' });
    expect(match('/m/:mallId/kiosk', '/m/kendari/board')).toBeUndefined();
    expect(match('/m/:mallId', '/m/kendari/kiosk')).toBeUndefined();
  });
  it('matches nothing on a malformed escape instead of throwing', () => {
    expect(match('/m/:mallId', '/m/%E0%A4%A')).toBeUndefined();
  });
});

describe('translate', () => {
  const common: Dict = { id: { save: 'Simpan', hello: 'Halo {name}' }, en: { save: 'Save', hello: 'Hello {name}' } };
  const page: Dict = { id: { save: 'Simpan data', only: 'Hanya ID' }, en: {} };
  it('prefers the page’s words, falls back to Indonesian, then to the key', () => {
    const en = translate([common, page], 'en');
    expect(en('save')).toBe('Save');
    expect(en('only')).toBe('Hanya ID');
    expect(en('missing')).toBe('missing');
    expect(translate([common, page], 'id')('save')).toBe('Simpan data');
    expect(en('hello', { name: 'Andi' })).toBe('Hello Andi');
  });
});
