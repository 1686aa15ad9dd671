import { useEffect, useRef, useState } from 'preact/hooks';
import { api, apiUrl } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { pick, useT, type Dict } from '../../app/i18n';
import { ErrorNote, useDocumentTitle } from '../../app/ui';
import { announcement } from './speech';
import { autoplayAllowed, chime, enableSound, hush, speak, watchVoice } from './sound';

const dict: Dict = {
  id: {
    calls: 'Panggilan',
    clock: 'Jam',
    counter: 'Loket',
    queue: 'Antrian',
    waitingCol: 'Menunggu',
    next: 'Berikutnya',
    longest: 'Tunggu terlama',
    noCalls: 'Belum ada panggilan.',
    closedCounter: 'Tutup',
    pausedCounter: 'Istirahat',
    enableSound: 'Aktifkan suara',
    noVoice: 'Tidak ada suara bahasa Indonesia di peramban ini: hanya bunyi bel.',
    noAudio: 'Perangkat ini tidak dapat memutar suara.',
    live: 'Terhubung',
    reconnecting: 'Menyambung ulang…',
    serving: 'sedang dilayani',
  },
  en: {
    calls: 'Calls',
    clock: 'Clock',
    counter: 'Counter',
    queue: 'Queue',
    waitingCol: 'Waiting',
    next: 'Next',
    longest: 'Longest wait',
    noCalls: 'No calls yet.',
    closedCounter: 'Closed',
    pausedCounter: 'Paused',
    enableSound: 'Enable sound',
    noVoice: 'No Indonesian voice in this browser: chime only.',
    noAudio: 'This device cannot play sound.',
    live: 'Connected',
    reconnecting: 'Reconnecting…',
    serving: 'being served',
  },
};

interface BoardCounter {
  readonly counterId: string;
  readonly name: string;
  readonly status: string;
  readonly ticketNumber: string;
  readonly ticketStatus: string;
  readonly calledAt?: string;
}
interface Board {
  readonly mallId: string;
  readonly counters: readonly BoardCounter[];
  readonly queues: readonly { queueId: string; prefix: string; name: string; waiting: number; longestWaitMinutes: number; nextNumbers: readonly string[] }[];
  readonly notice?: { kind: string; textId: string; textEn: string };
  readonly asOf?: string;
}

const callKey = (c: BoardCounter) => `${c.ticketNumber}@${c.calledAt ?? ''}`;

/**
 * The display board (1080p TV): the current call of every counter, live over Server-Sent Events
 * (the browser's EventSource resumes with Last-Event-ID; after a refused connection the board
 * opens a new one with backoff), a chime and the call spoken in Bahasa Indonesia.
 */
export default function BoardPage({ params }: { params: Record<string, string> }) {
  const mallId = params.mallId!;
  const { t, lang } = useT(dict);
  const [board, setBoard] = useState<Board>();
  useDocumentTitle(t('appName'));
  const [connected, setConnected] = useState(false);
  const [sound, setSound] = useState<'ask' | 'on' | 'unavailable'>('ask');
  const [said, setSaid] = useState({ text: '', count: 0 });
  const [hasVoice, setHasVoice] = useState(true);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [now, setNow] = useState(new Date());
  const seen = useRef<Map<string, string> | undefined>(undefined);
  const announcements = useRef<string[]>([]);
  const speaking = useRef(false);
  const mall = useAsync((signal) => api<{ mall: { name: string } }>(`/malls/${mallId}`, { signal, anonymous: true }), [mallId]);

  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);

  useEffect(() => watchVoice(setHasVoice), []);
  useEffect(() => {
    if (autoplayAllowed()) void enableSound().then((on) => on && setSound('on'));
  }, []);

  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const later = (fn: () => void, ms: number) => {
    const id = setTimeout(() => {
      timers.current.delete(id);
      fn();
    }, ms);
    timers.current.add(id);
  };
  useEffect(
    () => () => {
      for (const id of timers.current) clearTimeout(id);
      hush();
    },
    [],
  );

  function nextAnnouncement() {
    const text = announcements.current.shift();
    if (text === undefined) {
      speaking.current = false;
      return;
    }
    speaking.current = true;
    chime();
    setSaid((x) => ({ text, count: x.count + 1 }));
    later(() => speak(text), 1200);
    later(nextAnnouncement, 5000);
  }

  function onBoard(next: Board) {
    const previous = seen.current;
    const keys = new Map(next.counters.filter((c) => c.ticketNumber && c.ticketStatus === 'called').map((c) => [c.counterId, callKey(c)]));
    if (previous) {
      const called = next.counters.filter((c) => keys.has(c.counterId) && previous.get(c.counterId) !== keys.get(c.counterId));
      if (called.length > 0) {
        setFresh(new Set(called.map((c) => c.counterId)));
        for (const c of called) announcements.current.push(announcement(c.ticketNumber, c.name));
        if (!speaking.current) nextAnnouncement();
      }
    }
    seen.current = keys;
    setBoard(next);
  }

  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = 1000;
    let stopped = false;
    // Heartbeats arrive as `ping` events; silence for three of them means a dead connection
    // (a half-open Wi-Fi link never errors): drop it and connect again.
    let heardAt = Date.now();
    let silenceMs = 45_000;
    const watchdog = setInterval(() => {
      if (stopped || !source || Date.now() - heardAt < silenceMs) return;
      source.close();
      clearTimeout(retry);
      setConnected(false);
      heardAt = Date.now();
      connect();
    }, 5000);
    const connect = () => {
      source = new EventSource(apiUrl(`/malls/${encodeURIComponent(mallId)}/board/stream`));
      source.addEventListener('board', (e) => {
        delay = 1000;
        heardAt = Date.now();
        setConnected(true);
        onBoard(JSON.parse((e as MessageEvent<string>).data) as Board);
      });
      source.addEventListener('ping', (e) => {
        heardAt = Date.now();
        const everyMs = Number((JSON.parse((e as MessageEvent<string>).data) as { everyMs?: number }).everyMs);
        if (everyMs > 0) silenceMs = 3 * everyMs + 5000;
      });
      source.onopen = () => setConnected(true);
      source.onerror = () => {
        setConnected(false);
        // EventSource retries by itself after a dropped connection; a refused one (429, 503) closes it.
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          retry = setTimeout(connect, delay);
          delay = Math.min(delay * 2, 30_000);
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearInterval(watchdog);
      source?.close();
    };
  }, [mallId]);

  // Closed counters stay off the board: a hall has dozens of counters, few open at a time.
  const calls = (board?.counters ?? []).filter((c) => c.ticketNumber || c.status !== 'closed').sort((a, b) => Number(Boolean(b.ticketNumber)) - Number(Boolean(a.ticketNumber)) || (b.calledAt ?? '').localeCompare(a.calledAt ?? '') || a.name.localeCompare(b.name, 'id', { numeric: true }));
  const notice = board?.notice && (board.notice.textId || board.notice.textEn) ? board.notice : undefined;

  return (
    <div class="board">
      <header class="board-head">
        <h1>{mall.data?.mall.name ?? mallId}</h1>
        <div class="board-clock" aria-label={t('clock')}>
          {now.toLocaleTimeString('id-ID', { hour: '2-digit', minute: '2-digit', second: '2-digit' })}
        </div>
      </header>
      {notice && (
        <div class={`board-notice ${notice.kind}`} role="alert" data-testid="board-notice">
          {pick(lang, notice.textId, notice.textEn)}
        </div>
      )}
      <ErrorNote error={mall.error} />
      <div class="board-body">
        <section aria-labelledby="calls-title">
          <h2 id="calls-title" class="sr-only">
            {t('calls')}
          </h2>
          {board && calls.length === 0 && <p>{t('noCalls')}</p>}
          <ul class="board-calls" style="list-style:none;padding:0;margin:0" aria-live="polite">
            {calls.map((c) => (
              <li key={c.counterId} class={`board-call${fresh.has(c.counterId) ? ' fresh' : ''}${c.ticketNumber ? '' : ' closed'}`} data-counter={c.counterId}>
                <div class="counter">{c.name}</div>
                <div class="num" data-testid={`board-number-${c.counterId}`}>
                  {c.ticketNumber || (c.status === 'paused' ? t('pausedCounter') : c.status === 'closed' ? t('closedCounter') : '—')}
                </div>
                {c.ticketStatus === 'serving' && <div class="counter">{t('serving')}</div>}
              </li>
            ))}
          </ul>
        </section>
        <section class="board-queues" aria-labelledby="queues-title">
          <h2 id="queues-title">{t('queue')}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('queue')}</th>
                <th class="num">{t('waitingCol')}</th>
                <th>{t('next')}</th>
              </tr>
            </thead>
            <tbody>
              {(board?.queues ?? [])
                .filter((q) => q.waiting > 0)
                .map((q) => (
                  <tr key={q.queueId}>
                    <td>
                      <strong>{q.prefix}</strong> {q.name}
                    </td>
                    <td class="num">{q.waiting}</td>
                    <td>{q.nextNumbers.join(', ')}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      </div>
      <footer class="board-foot">
        <span role="status" data-testid="board-connection">
          {connected ? t('live') : t('reconnecting')}
        </span>
        {sound === 'on' && !hasVoice && <span>{t('noVoice')}</span>}
        {sound === 'unavailable' && <span>{t('noAudio')}</span>}
        <span class="sr-only" aria-live="assertive" data-testid="board-announcement" data-count={said.count}>
          {said.text}
        </span>
      </footer>
      {sound === 'ask' && (
        <button
          type="button"
          class="sound-button"
          onClick={() =>
            void enableSound().then((on) => {
              setSound(on ? 'on' : 'unavailable');
              if (on) chime();
            })
          }
        >
          {t('enableSound')}
        </button>
      )}
    </div>
  );
}
