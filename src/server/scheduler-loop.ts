// The scheduler inside the register process: a run at start (catching up after downtime), then one
// every interval; one run at a time per process (instances need not coordinate: the window rows do,
// see scheduler.ts). Stopped, and the run in flight awaited, when the server closes.
import { runScheduler, type SchedulerContext, type SchedulerRun } from './scheduler.js';

export interface SchedulerLoop {
  /** Clears the timer and waits for a run in flight. */
  stop(): Promise<void>;
}

export interface SchedulerLog {
  ran(run: SchedulerRun): void;
  failed(error: unknown): void;
}

export function startSchedulerLoop(context: SchedulerContext, intervalMs: number, log: SchedulerLog): SchedulerLoop {
  let inFlight: Promise<void> | undefined;
  let isStopped = false;
  const tick = () => {
    if (inFlight || isStopped) return;
    inFlight = runScheduler(context, context.now())
      .then((run) => log.ran(run), log.failed)
      .finally(() => {
        inFlight = undefined;
      });
  };
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, intervalMs);
  // The timers alone do not keep the process alive: the server's socket does.
  first.unref();
  timer.unref();
  return {
    async stop() {
      isStopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await inFlight;
    },
  };
}
