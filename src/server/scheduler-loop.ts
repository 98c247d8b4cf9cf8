// The scheduler inside the register process: a run at start (catching up after downtime), then one
// every interval; one run at a time per process (instances need not coordinate: the window rows do,
// see scheduler.ts). After each run the deliverer sends the messages that are due (notify/delivery.ts;
// instances take turns by lease). Stopped, and the run in flight awaited, when the server closes.
import type { DeliverySummary } from './notify/delivery.js';
import { runScheduler, type SchedulerContext, type SchedulerRun } from './scheduler.js';

export interface SchedulerLoop {
  /** Clears the timer and waits for a run in flight. */
  stop(): Promise<void>;
}

export interface SchedulerLog {
  ran(run: SchedulerRun): void;
  failed(error: unknown): void;
  delivered?(summary: DeliverySummary): void;
  deliveryFailed?(error: unknown): void;
}

/** Sends the messages due at `now`. */
export type Deliver = (now: Date) => Promise<DeliverySummary>;

export function startSchedulerLoop(context: SchedulerContext, intervalMs: number, log: SchedulerLog, deliver?: Deliver): SchedulerLoop {
  let inFlight: Promise<void> | undefined;
  let isStopped = false;
  const pass = async () => {
    await runScheduler(context, context.now()).then(
      (run) => log.ran(run),
      (error: unknown) => log.failed(error),
    );
    // Whatever the scheduler did: messages queued before are due all the same.
    if (deliver && !isStopped)
      await deliver(context.now()).then(
        (summary) => log.delivered?.(summary),
        (error: unknown) => log.deliveryFailed?.(error),
      );
  };
  const tick = () => {
    if (inFlight || isStopped) return;
    inFlight = pass().finally(() => {
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
