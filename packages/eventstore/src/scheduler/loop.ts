import type { SchedulerLog } from './types.js';

export interface PollLoop {
  start(): void;
  stop(): Promise<void>;
  wake(): void;
}

/**
 * Runs `run` at once, then every `intervalMs` after the previous run ended (runs never overlap),
 * or sooner when woken. `run` is told to stop early once `stop()` is called, so stopping waits
 * only for the timer in hand, not a whole backlog. A failed run (database down) is logged and the
 * next poll tries again.
 */
export function createPollLoop(run: (go: () => boolean) => Promise<unknown>, intervalMs: number, log: SchedulerLog): PollLoop {
  let running: Promise<void> | undefined;
  let stopping = false;
  let again = false;
  let wakeUp: (() => void) | undefined;
  const go = () => !stopping;

  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, intervalMs);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  async function loop() {
    while (!stopping) {
      again = false;
      try {
        await run(go);
      } catch (error) {
        log.warn({ err: error }, 'scheduler run failed; trying again at the next poll');
      }
      // A wake during the run asks for another one straight away.
      if (!stopping && !again) await pause();
    }
  }

  return {
    start() {
      if (running) return;
      stopping = false;
      running = loop();
    },
    async stop() {
      stopping = true;
      wakeUp?.();
      await running;
      running = undefined;
    },
    wake() {
      again = true;
      wakeUp?.();
    },
  };
}
