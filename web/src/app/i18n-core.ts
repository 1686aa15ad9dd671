/** Bahasa Indonesia first (the citizens' and officers' language), English available. */
export type Lang = 'id' | 'en';
export type Dict = Record<Lang, Record<string, string>>;
export type T = (key: string, vars?: Record<string, string | number>) => string;

/** A translator over dictionaries (later ones win); a missing English word falls back to Indonesian, then to the key. */
export function translate(dicts: readonly Dict[], lang: Lang): T {
  return (key, vars) => {
    let text: string | undefined;
    for (const d of dicts) text = d[lang][key] ?? text;
    if (text === undefined) for (const d of dicts) text = d.id[key] ?? text;
    text ??= key;
    return vars ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`)) : text;
  };
}
