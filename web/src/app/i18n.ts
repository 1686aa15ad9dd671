import { useEffect, useState } from 'preact/hooks';

import { translate, type Dict, type Lang, type T } from './i18n-core';

export { translate, type Dict, type Lang, type T } from './i18n-core';

const KEY = 'mpp.lang';
const listeners = new Set<(lang: Lang) => void>();

function initialLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'id' || fromUrl === 'en') return fromUrl;
  const saved = localStorage.getItem(KEY);
  return saved === 'en' ? 'en' : 'id';
}

let current: Lang = initialLang();
document.documentElement.lang = current;

export const currentLang = (): Lang => current;

export function setLang(lang: Lang): void {
  current = lang;
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
  for (const l of listeners) l(lang);
}

/** Words every page uses. Pages add their own with `useT(pageDict)`. */
export const common: Dict = {
  id: {
    appName: 'Mal Pelayanan Publik',
    loading: 'Memuat…',
    retry: 'Coba lagi',
    save: 'Simpan',
    cancel: 'Batal',
    back: 'Kembali',
    close: 'Tutup',
    search: 'Cari',
    signIn: 'Masuk',
    signOut: 'Keluar',
    signedInAs: 'Masuk sebagai',
    language: 'Bahasa',
    errorTitle: 'Terjadi kesalahan',
    offline: 'Tidak dapat menghubungi server. Periksa jaringan lalu coba lagi.',
    notFound: 'Halaman tidak ditemukan.',
    home: 'Beranda',
    catalog: 'Katalog layanan',
    kiosk: 'Anjungan (kiosk)',
    board: 'Papan antrian',
    console: 'Konsol petugas',
    dashboard: 'Dasbor',
    admin: 'Admin',
    complaint: 'Pengaduan',
    minutes: 'menit',
    needRole: 'Halaman ini untuk peran: {roles}. Masuk dengan akun yang sesuai.',
    mall: 'Mal',
    chooseMall: 'Pilih mal pelayanan publik',
    yes: 'Ya',
    skipToContent: 'Langsung ke isi',
    menu: 'Menu',
    error400: 'Data yang dikirim belum benar',
    error401: 'Sesi Anda berakhir: silakan masuk lagi',
    error403: 'Anda tidak berwenang melakukan ini',
    error404: 'Tidak ditemukan',
    error409: 'Tidak dapat dilakukan saat ini',
    error429: 'Terlalu banyak permintaan: coba lagi sebentar lagi',
    error5xx: 'Layanan sedang bermasalah: coba lagi nanti',
    no: 'Tidak',
  },
  en: {
    appName: 'Public Service Mall',
    loading: 'Loading…',
    retry: 'Try again',
    save: 'Save',
    cancel: 'Cancel',
    back: 'Back',
    close: 'Close',
    search: 'Search',
    signIn: 'Sign in',
    signOut: 'Sign out',
    signedInAs: 'Signed in as',
    language: 'Language',
    errorTitle: 'Something went wrong',
    offline: 'Cannot reach the server. Check the network and try again.',
    notFound: 'Page not found.',
    home: 'Home',
    catalog: 'Service catalog',
    kiosk: 'Kiosk',
    board: 'Queue board',
    console: 'Officer console',
    dashboard: 'Dashboard',
    admin: 'Admin',
    complaint: 'Complaint',
    minutes: 'minutes',
    needRole: 'This page is for: {roles}. Sign in with a matching account.',
    mall: 'Mall',
    chooseMall: 'Choose a public service mall',
    yes: 'Yes',
    skipToContent: 'Skip to content',
    menu: 'Menu',
    error400: 'What was sent is not right yet',
    error401: 'Your session has ended: please sign in again',
    error403: 'You may not do this',
    error404: 'Not found',
    error409: 'This cannot be done right now',
    error429: 'Too many requests: try again in a moment',
    error5xx: 'The service has a problem: try again later',
    no: 'No',
  },
};

/** The current language and a translator over the common words plus the page's own. */
export function useT(...dicts: Dict[]): { t: T; lang: Lang } {
  const [lang, set] = useState<Lang>(current);
  useEffect(() => {
    listeners.add(set);
    return () => void listeners.delete(set);
  }, []);
  return { t: translate([common, ...dicts], lang), lang };
}

/** A text with an Indonesian and an English version (as the API returns them: nameId/nameEn…). */
export const pick = (lang: Lang, id: string | undefined, en: string | undefined): string => (lang === 'en' ? en || id : id || en) ?? '';
