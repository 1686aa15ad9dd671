import { api } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { pick, useT } from '../../app/i18n';
import { ErrorNote, Loading } from '../../app/ui';
import { dict } from './dict';
import { longDate } from './time';
import type { Directory, PublishedResults, UnitResult } from './types';

/** The SKM results the mall-admin published (frozen at publication), newest period first. */
export function SkmSection({ dir, mallName }: { dir: Directory; mallName: string }) {
  const { t, lang } = useT(dict);
  const results = useAsync((signal) => api<{ results: PublishedResults[] }>(`/malls/${encodeURIComponent(dir.mallId)}/skm-results`, { signal }), [dir.mallId]);
  const periods = [...(results.data?.results ?? [])].sort((a, b) => b.to.localeCompare(a.to));
  const unitName = (u: UnitResult) => {
    if (u.unitKind === 'mall') return mallName;
    if (u.unitKind === 'agency') return dir.agencies.get(u.unitId)?.name ?? u.unitId;
    const s = dir.services.get(u.unitId);
    return s ? pick(lang, s.nameId, s.nameEn) : u.unitId;
  };
  const ikm = (n: number) => n.toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <section aria-labelledby="skm-title" class="cat-section">
      <h2 id="skm-title">{t('skmTitle')}</h2>
      <p>{t('skmIntro')}</p>
      <ErrorNote error={results.error} onRetry={results.reload} />
      {results.loading && !results.data && <Loading />}
      {results.data && periods.length === 0 && <p class="muted">{t('noSkm')}</p>}
      {periods.map((p) => (
        <div key={p.period}>
          <h3>{t('skmPeriod', { period: p.period, from: longDate(p.from, lang, false), to: longDate(p.to, lang, false) })}</h3>
          {p.publishedAt && <p class="muted">{t('publishedOn', { date: new Date(p.publishedAt).toLocaleDateString(lang === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'long', year: 'numeric' }) })}</p>}
          <div class="table-wrap">
            <table>
              <caption class="cat-sr">{t('skmCaption', { period: p.period })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('unit')}</th>
                  <th scope="col" class="num">{t('respondents')}</th>
                  <th scope="col" class="num">IKM</th>
                  <th scope="col">{t('grade')}</th>
                  <th scope="col">{t('sample')}</th>
                  <th scope="col">{t('weakest')}</th>
                </tr>
              </thead>
              <tbody>
                {p.results.map((u) => (
                  <tr key={`${u.unitKind}:${u.unitId}`}>
                    <th scope="row">{unitName(u)}</th>
                    <td class="num">{u.respondents}</td>
                    <td class="num">{u.respondents > 0 ? ikm(u.ikm) : '–'}</td>
                    <td>{u.grade ? `${u.grade} (${t(`grade_${u.grade}`)})` : '–'}</td>
                    <td>{u.sampleReached ? t('sampleReached', { n: u.minimumSample }) : t('sampleNotReached', { n: u.minimumSample })}</td>
                    <td>{u.weakest && u.weakest.length > 0 && u.respondents > 0 ? u.weakest.map((c) => `${c} ${t(`el_${c}`)}`).join('; ') : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
}
