import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../app/api';
import { useAction, useAsync } from '../../app/hooks';
import { pick, useT, type Dict } from '../../app/i18n';
import { ErrorNote, Field, formatDate, Layout, Loading } from '../../app/ui';

const dict: Dict = {
  id: {
    title: 'Survei Kepuasan Masyarakat (SKM)',
    intro: 'Penilaian Anda bersifat anonim dan membantu kami memperbaiki pelayanan. Semua pertanyaan wajib diisi.',
    service: 'Layanan yang Anda terima pada {date}',
    profile: 'Tentang Anda',
    ageGroup: 'Kelompok usia',
    sex: 'Jenis kelamin',
    education: 'Pendidikan terakhir',
    occupation: 'Pekerjaan',
    choose: 'Pilih…',
    suggestion: 'Saran dan masukan (tidak wajib)',
    submit: 'Kirim penilaian',
    thanks: 'Terima kasih! Penilaian Anda sudah kami terima.',
    answered: 'Survei untuk kunjungan ini sudah diisi. Terima kasih.',
    expired: 'Masa pengisian survei ini sudah berakhir.',
    notOpen: 'Survei belum tersedia: survei dibuka setelah layanan Anda selesai.',
    required: 'Wajib diisi',
    summary: 'Belum lengkap: {questions} pertanyaan belum dijawab dan {profile} data diri belum dipilih.',
    questionOf: 'Pertanyaan {n} dari {total}',
    complaintLink: 'Ingin menyampaikan pengaduan?',
    'under-20': 'di bawah 20 tahun',
    '20-to-29': '20–29 tahun',
    '30-to-39': '30–39 tahun',
    '40-to-49': '40–49 tahun',
    '50-to-59': '50–59 tahun',
    '60-and-over': '60 tahun ke atas',
    male: 'Laki-laki',
    female: 'Perempuan',
    none: 'Tidak sekolah',
    primary: 'SD',
    'junior-secondary': 'SMP',
    'senior-secondary': 'SMA/SMK',
    diploma: 'Diploma (D1–D4)',
    bachelor: 'Sarjana (S1)',
    postgraduate: 'Pascasarjana (S2/S3)',
    'civil-servant': 'PNS/ASN',
    'military-police': 'TNI/Polri',
    'private-employee': 'Pegawai swasta',
    entrepreneur: 'Wiraswasta/wirausaha',
    student: 'Pelajar/mahasiswa',
    'farmer-fisher': 'Petani/nelayan',
    homemaker: 'Ibu rumah tangga',
    other: 'Lainnya',
  },
  en: {
    title: 'Public Satisfaction Survey (SKM)',
    intro: 'Your rating is anonymous and helps us improve the service. Every question is required.',
    service: 'The service you received on {date}',
    profile: 'About you',
    ageGroup: 'Age group',
    sex: 'Sex',
    education: 'Education',
    occupation: 'Occupation',
    choose: 'Choose…',
    suggestion: 'Suggestions (optional)',
    submit: 'Send my rating',
    thanks: 'Thank you! We have received your rating.',
    answered: 'This visit’s survey has been answered already. Thank you.',
    expired: 'This survey can no longer be answered.',
    notOpen: 'The survey is not open yet: it opens once your service is completed.',
    required: 'Required',
    summary: 'Not complete yet: {questions} questions unanswered and {profile} profile fields not chosen.',
    questionOf: 'Question {n} of {total}',
    complaintLink: 'Want to file a complaint?',
    'under-20': 'under 20',
    '20-to-29': '20–29',
    '30-to-39': '30–39',
    '40-to-49': '40–49',
    '50-to-59': '50–59',
    '60-and-over': '60 and over',
    male: 'Male',
    female: 'Female',
    none: 'No schooling',
    primary: 'Primary school',
    'junior-secondary': 'Junior secondary',
    'senior-secondary': 'Senior secondary',
    diploma: 'Diploma',
    bachelor: 'Bachelor',
    postgraduate: 'Postgraduate',
    'civil-servant': 'Civil servant',
    'military-police': 'Military/police',
    'private-employee': 'Private employee',
    entrepreneur: 'Entrepreneur',
    student: 'Student',
    'farmer-fisher': 'Farmer/fisher',
    homemaker: 'Homemaker',
    other: 'Other',
  },
};

const PROFILE = {
  ageGroup: { field: 'profile.age_group', options: ['under-20', '20-to-29', '30-to-39', '40-to-49', '50-to-59', '60-and-over'] },
  sex: { field: 'profile.sex', options: ['male', 'female'] },
  education: { field: 'profile.education', options: ['none', 'primary', 'junior-secondary', 'senior-secondary', 'diploma', 'bachelor', 'postgraduate'] },
  occupation: { field: 'profile.occupation', options: ['civil-servant', 'military-police', 'private-employee', 'entrepreneur', 'student', 'farmer-fisher', 'homemaker', 'other'] },
} as const;
type ProfileKey = keyof typeof PROFILE;

interface Question {
  readonly code: string;
  readonly textId: string;
  readonly textEn: string;
  readonly choicesId: readonly string[];
  readonly choicesEn: readonly string[];
}
interface Survey {
  readonly invitation: { ticketId: string; mallId: string; serviceId: string; date: string; status?: string | null };
  readonly questions: readonly Question[];
}

/** The SKM form of one completed visit (its token is on the ticket page): 9 questions with four labelled choices, the profile, a suggestion. */
export default function SurveyPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useT(dict);
  const token = params.token!;
  const survey = useAsync((signal) => api<Survey>(`/surveys/${encodeURIComponent(token)}`, { signal, anonymous: true }), [token]);
  const service = useAsync(
    (signal) => (survey.data ? api<{ service: { nameId: string; nameEn: string } }>(`/services/${encodeURIComponent(survey.data.invitation.serviceId)}`, { signal, anonymous: true }).then((r) => r.service) : Promise.resolve(undefined)),
    [survey.data?.invitation.serviceId],
  );
  const [answers, setAnswers] = useState<Record<number, number>>({});
  const [profile, setProfile] = useState<Partial<Record<ProfileKey, string>>>({});
  const [suggestion, setSuggestion] = useState('');
  const [sent, setSent] = useState(false);
  const [tried, setTried] = useState(false);
  const submit = useAction();
  const [attempts, setAttempts] = useState(0);
  const mallId = survey.data?.invitation.mallId;
  const unanswered = (survey.data?.questions ?? []).filter((_, i) => answers[i] === undefined).length;
  const missingProfile = (Object.keys(PROFILE) as ProfileKey[]).filter((k) => !profile[k]).length;
  // After a refused send, the first control to fix takes the focus (the summary above is announced).
  useEffect(() => {
    if (attempts > 0) document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempts]);

  if (survey.error instanceof ApiError && survey.error.status === 404)
    return (
      <Layout>
        <h1>{t('title')}</h1>
        <p class="error">{t('notOpen')}</p>
      </Layout>
    );
  if (!survey.data) return <Layout>{survey.error ? <ErrorNote error={survey.error} onRetry={survey.reload} /> : <Loading />}</Layout>;
  const status = survey.data.invitation.status ?? 'open';
  const questions = survey.data.questions;
  const apiError = submit.error instanceof ApiError ? submit.error : undefined;
  const missing = (i: number) => tried && answers[i] === undefined;
  const fieldError = (field: string, value: unknown) => apiError?.fieldError(field) ?? (tried && !value ? t('required') : undefined);

  if (sent || status === 'answered')
    return (
      <Layout mallId={mallId}>
        <h1>{t('title')}</h1>
        <p class="ok" role="status" data-testid="survey-done">
          {sent ? t('thanks') : t('answered')}
        </p>
        <a href={`/m/${mallId}/complaint?ticket=${encodeURIComponent(token)}`}>{t('complaintLink')}</a>
      </Layout>
    );
  if (status === 'expired')
    return (
      <Layout mallId={mallId}>
        <h1>{t('title')}</h1>
        <p class="error">{t('expired')}</p>
      </Layout>
    );

  async function send(e: Event) {
    e.preventDefault();
    setTried(true);
    if (unanswered > 0 || missingProfile > 0) {
      setAttempts((n) => n + 1);
      return;
    }
    const res = await submit.run(() =>
      api(`/surveys/${encodeURIComponent(token)}/responses`, { method: 'POST', anonymous: true, body: { answers: questions.map((_, i) => answers[i]), profile, ...(suggestion.trim() ? { suggestion: suggestion.trim() } : {}) } }),
    );
    if (res !== undefined) setSent(true);
  }

  return (
    <Layout mallId={mallId}>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {service.data && (
        <p class="muted">
          {t('service', { date: formatDate(survey.data.invitation.date, lang) })}: <strong>{pick(lang, service.data.nameId, service.data.nameEn)}</strong>
        </p>
      )}
      <form onSubmit={send} noValidate>
        {tried && (unanswered > 0 || missingProfile > 0) && (
          <p class="error" role="alert">
            {t('summary', { questions: unanswered, profile: missingProfile })}
          </p>
        )}
        {questions.map((q, i) => {
          const choices = lang === 'en' ? q.choicesEn : q.choicesId;
          const error = apiError?.fieldError(`answers[${i}]`) ?? (missing(i) ? t('required') : undefined);
          return (
            <fieldset key={q.code} class="question">
              <legend>
                <span class="muted">{t('questionOf', { n: i + 1, total: questions.length })}</span>
                <br />
                {pick(lang, q.textId, q.textEn)}
              </legend>
              <div class="choices">
                {choices.map((label, c) => (
                  <label key={c}>
                    <input
                      type="radio"
                      name={`q-${q.code}`}
                      value={c + 1}
                      required
                      checked={answers[i] === c + 1}
                      aria-invalid={error && c === 0 ? 'true' : undefined}
                      aria-describedby={error ? `q-${q.code}-error` : undefined}
                      onChange={() => setAnswers({ ...answers, [i]: c + 1 })}
                    />
                    {label}
                  </label>
                ))}
              </div>
              {error && (
                <small class="field-error" id={`q-${q.code}-error`}>
                  {error}
                </small>
              )}
            </fieldset>
          );
        })}
        <fieldset>
          <legend>{t('profile')}</legend>
          <div class="grid2">
            {(Object.keys(PROFILE) as ProfileKey[]).map((k) => (
              <Field key={k} id={`profile-${k}`} label={t(k)} error={fieldError(PROFILE[k].field, profile[k])}>
                <select id={`profile-${k}`} required value={profile[k] ?? ''} aria-invalid={fieldError(PROFILE[k].field, profile[k]) ? 'true' : undefined} onChange={(e) => setProfile({ ...profile, [k]: e.currentTarget.value })}>
                  <option value="">{t('choose')}</option>
                  {PROFILE[k].options.map((o) => (
                    <option key={o} value={o}>
                      {t(o)}
                    </option>
                  ))}
                </select>
              </Field>
            ))}
          </div>
        </fieldset>
        <Field id="suggestion" label={t('suggestion')}>
          <textarea id="suggestion" maxLength={2000} value={suggestion} onInput={(e) => setSuggestion(e.currentTarget.value)} />
        </Field>
        <ErrorNote error={submit.error} />
        <button type="submit" class="primary" disabled={submit.busy}>
          {t('submit')}
        </button>
      </form>
    </Layout>
  );
}
