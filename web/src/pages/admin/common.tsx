import type { JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../app/api';
import { useT, type Dict } from '../../app/i18n';
import { navigate } from '../../app/router';
import { Field, formatDate } from '../../app/ui';

/** Words the admin tabs share. */
export const words: Dict = {
  id: {
    adminTitle: 'Pengelolaan katalog',
    saved: 'Tersimpan.',
    savedUnchanged: 'Tersimpan — tidak ada yang berubah.',
    edit: 'Ubah',
    editNamed: 'Ubah {name}',
    add: 'Tambah',
    active: 'Aktif',
    inactive: 'Tidak aktif',
    status: 'Status',
    name: 'Nama',
    code: 'Kode',
    agency: 'Instansi',
    allAgencies: 'Semua instansi',
    actions: 'Tindakan',
    backToList: 'Kembali ke daftar',
    notFoundRecord: 'Data tidak ditemukan: {id}',
    none: '—',
    empty: 'Belum ada data.',
    readOnly: 'Hanya dapat dibaca untuk peran Anda.',
    fixedId: 'Tidak dapat diubah setelah dibuat (menjadi bagian dari pengenal).',
  },
  en: {
    adminTitle: 'Catalog administration',
    saved: 'Saved.',
    savedUnchanged: 'Saved — nothing changed.',
    edit: 'Edit',
    editNamed: 'Edit {name}',
    add: 'Add',
    active: 'Active',
    inactive: 'Inactive',
    status: 'Status',
    name: 'Name',
    code: 'Code',
    agency: 'Agency',
    allAgencies: 'All agencies',
    actions: 'Actions',
    backToList: 'Back to the list',
    notFoundRecord: 'Record not found: {id}',
    none: '—',
    empty: 'Nothing here yet.',
    readOnly: 'Read-only for your role.',
    fixedId: 'Cannot change once created (it is part of the identifier).',
  },
};

/** `specialDays[0].date` → `special_days[0].date`: the catalog names fields as in the proto. */
const snake = (path: string) => path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The API's reason for a field, whether it names it in JSON or proto style. */
export function errorFor(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const names = [path, snake(path)];
  const hit = (f: string) => names.some((n) => f === n || f.endsWith(`.${n}`) || f.startsWith(`${n}[`) || f.includes(`.${n}[`));
  const found = error.problem.errors?.filter((e) => hit(e.field)) ?? [];
  return found.length ? found.map((e) => (e.field.includes('[') && !path.includes('[') ? `${e.field}: ${e.reason}` : e.reason)).join('; ') : undefined;
}

/** A copy of a record without the fields the route takes from its path. */
export function without<T extends object>(record: T, keys: readonly (keyof T)[]): Partial<T> {
  const copy: Partial<T> = { ...record };
  for (const k of keys) delete copy[k];
  return copy;
}

/** A link inside the admin page: `/admin?tab=…&…`, keeping a `mall` chosen in the URL. */
export function adminHref(params: Record<string, string | undefined>): string {
  const qs = new URLSearchParams();
  const mall = new URLSearchParams(location.search).get('mall');
  if (mall) qs.set('mall', mall);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, v);
  return `/admin?${qs.toString()}`;
}

export const go = (params: Record<string, string | undefined>, replace = false) => navigate(adminHref(params), replace);

/** A local date `YYYY-MM-DD` as words (read at noon, so no time zone moves it a day). */
export const formatDay = (date: string | undefined, lang: string) => (date ? formatDate(`${date}T12:00:00`, lang) : '');

/** A heading that takes the focus when it appears (a form opened from a list). */
export function FocusHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h2 ref={ref} tabIndex={-1}>
      {children}
    </h2>
  );
}

let carried = '';
/** A save message for the form that replaces this one (a record just created moves to its own URL). */
export const carryDone = (key: string) => void (carried = key);

/** The outcome of a save: busy, the error (with field reasons) and the success message's key. */
export function useSave() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState(() => {
    const key = carried;
    carried = '';
    return key;
  });
  /** Runs `fn`; on success the message is `doneKey(answer)` or saved / saved-unchanged by the answer's `changed`. */
  const save = useCallback(async <R,>(fn: () => Promise<R>, doneKey?: (r: R) => string): Promise<{ value: R } | undefined> => {
    setBusy(true);
    setError(undefined);
    setDone('');
    try {
      const value = await fn();
      setDone(doneKey ? doneKey(value) : (value as { changed?: boolean } | undefined)?.changed === false ? 'savedUnchanged' : 'saved');
      return { value };
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, done, save, setError, clearDone: useCallback(() => setDone(''), []) };
}

/** The live region that says a save went well (`role="status"`, present before it speaks). */
export function SaveStatus({ message }: { message: string }) {
  return (
    <div role="status" class="save-status">
      {message && <p class="ok">{message}</p>}
    </div>
  );
}

const describedBy = (id: string, hint?: string, error?: string) => [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

interface BaseProps {
  readonly id: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
}

export function TextField(
  p: BaseProps & {
    value: string;
    onValue: (v: string) => void;
    type?: 'text' | 'date' | 'search';
    multiline?: boolean;
    rows?: number;
    required?: boolean;
    readOnly?: boolean;
    placeholder?: string;
    maxLength?: number;
    pattern?: string;
  },
) {
  const common = {
    id: p.id,
    name: p.id,
    value: p.value,
    required: p.required,
    readOnly: p.readOnly,
    placeholder: p.placeholder,
    maxLength: p.maxLength,
    'aria-invalid': p.error ? true : undefined,
    'aria-describedby': describedBy(p.id, p.hint, p.error),
    onInput: (e: JSX.TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) => p.onValue(e.currentTarget.value),
  };
  return (
    <Field id={p.id} label={p.label} hint={p.hint} error={p.error}>
      {p.multiline ? <textarea {...common} rows={p.rows ?? 3} /> : <input {...common} type={p.type ?? 'text'} pattern={p.pattern} />}
    </Field>
  );
}

/** A whole number; keeps what is typed (an empty box) while telling the form its value. */
export function NumberField(p: BaseProps & { value: number; onValue: (v: number) => void; min?: number; max?: number }) {
  const [text, setText] = useState(String(p.value));
  useEffect(() => {
    if (Number(text || 0) !== p.value) setText(String(p.value));
  }, [p.value]);
  return (
    <Field id={p.id} label={p.label} hint={p.hint} error={p.error}>
      <input
        id={p.id}
        name={p.id}
        type="number"
        inputMode="numeric"
        min={p.min ?? 0}
        max={p.max}
        step={1}
        value={text}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        onInput={(e) => {
          const v = e.currentTarget.value;
          setText(v);
          const n = Number(v || 0);
          if (Number.isFinite(n)) p.onValue(Math.max(0, Math.trunc(n)));
        }}
      />
    </Field>
  );
}

export function SelectField(p: BaseProps & { value: string; onValue: (v: string) => void; options: readonly (readonly [string, string])[]; disabled?: boolean }) {
  const known = p.options.some(([v]) => v === p.value);
  return (
    <Field id={p.id} label={p.label} hint={p.hint} error={p.error}>
      <select
        id={p.id}
        name={p.id}
        value={p.value}
        disabled={p.disabled}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        onChange={(e) => p.onValue(e.currentTarget.value)}
      >
        {!known && <option value={p.value}>{p.value || '—'}</option>}
        {p.options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function CheckField(p: BaseProps & { checked: boolean; onValue: (v: boolean) => void; disabled?: boolean }) {
  return (
    <div class={`field check${p.error ? ' invalid' : ''}`}>
      <div class="check-line">
        <input
          id={p.id}
          name={p.id}
          type="checkbox"
          checked={p.checked}
          disabled={p.disabled}
          aria-invalid={p.error ? true : undefined}
          aria-describedby={describedBy(p.id, p.hint, p.error)}
          onChange={(e) => p.onValue(e.currentTarget.checked)}
        />
        <label for={p.id}>{p.label}</label>
      </div>
      {p.hint && (
        <small id={`${p.id}-hint`} class="muted">
          {p.hint}
        </small>
      )}
      {p.error && (
        <small id={`${p.id}-error`} class="field-error">
          {p.error}
        </small>
      )}
    </div>
  );
}

/** Several choices of a list (booths, channels, counters…): a fieldset of checkboxes. */
export function CheckGroup(p: BaseProps & { values: readonly string[]; onValues: (v: string[]) => void; options: readonly (readonly [string, string])[]; columns?: boolean }) {
  const toggle = (v: string, on: boolean) => p.onValues(on ? [...p.values.filter((x) => x !== v), v] : p.values.filter((x) => x !== v));
  const unknown = p.values.filter((v) => !p.options.some(([o]) => o === v)).map((v) => [v, v] as const);
  return (
    <fieldset class={`check-group${p.error ? ' invalid' : ''}`} aria-describedby={describedBy(p.id, p.hint, p.error)}>
      <legend>{p.label}</legend>
      <div class={p.columns ? 'check-columns' : 'check-row'}>
        {[...p.options, ...unknown].map(([v, text], i) => (
          <div class="check-line" key={v}>
            <input id={`${p.id}-${i}`} type="checkbox" value={v} checked={p.values.includes(v)} onChange={(e) => toggle(v, e.currentTarget.checked)} />
            <label for={`${p.id}-${i}`}>{text}</label>
          </div>
        ))}
      </div>
      {p.hint && (
        <small id={`${p.id}-hint`} class="muted">
          {p.hint}
        </small>
      )}
      {p.error && (
        <small id={`${p.id}-error`} class="field-error">
          {p.error}
        </small>
      )}
    </fieldset>
  );
}

/** Active / inactive as a badge. */
export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useT(words);
  return <span class={`badge ${active ? 'open' : 'paused'}`}>{active ? t('active') : t('inactive')}</span>;
}
