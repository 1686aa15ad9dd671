import { download } from '../../app/api';
import { useAction } from '../../app/hooks';
import { useT } from '../../app/i18n';
import { ErrorNote } from '../../app/ui';
import { dict } from './dict';
import type { Scope } from './types';

const FORMATS = [
  { key: 'csv', accept: 'text/csv' },
  { key: 'xlsx', accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
] as const;

/** The ministry's evaluation evidence of the period as the API makes it: CSV (every table) or XLSX (a sheet per table). */
export function Exports({ scope, period }: { scope: Scope; period: string | undefined }) {
  const { t } = useT(dict);
  const action = useAction();
  const save = (f: (typeof FORMATS)[number]) =>
    action.run(() =>
      download(`/malls/${encodeURIComponent(scope.mallId)}/reports/evaluation`, {
        query: { period },
        accept: f.accept,
        filename: `evaluasi-mpp-${scope.mallId}-${(period ?? '').replace('..', '_')}.${f.key}`,
      }),
    );
  return (
    <div class="card dash-exports">
      <h3>{t('exportsTitle')}</h3>
      <p class="muted">{t('exportsHint', { period: period ?? '–' })}</p>
      <div class="row">
        {FORMATS.map((f) => (
          <button key={f.key} type="button" disabled={!period || action.busy} onClick={() => save(f)}>
            {t(`export_${f.key}`)}
          </button>
        ))}
        {action.busy && <span role="status">{t('preparing')}</span>}
      </div>
      <ErrorNote error={action.error} />
    </div>
  );
}
