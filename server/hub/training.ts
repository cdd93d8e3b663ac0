import { dayOf, type FloorEvent, trainingFloorDay } from '../../shared/metrics';
import type { Hub } from './hub';

export interface TrainingFloorPlayer {
  /** Settles when the part of the day already gone is stored and on the board. */
  ready: Promise<void>;
  stop(): void;
}

/**
 * Plays the training floor (shared/metrics/training-floor) into a hub: today's simulated agents
 * and calls up to now at once, then each event at its time. The day is the same for a date and
 * a seed and every event keeps its id, so a restart stores nothing twice. Simulated days older
 * than a week are deleted.
 */
/** Events stored in one statement while the day already gone is filled in. */
const BATCH = 500;

export function playTrainingFloor(
  hub: Hub,
  options: { agents: number; seed?: number; now?: () => number },
): TrainingFloorPlayer {
  const now = options.now ?? Date.now;
  let date = '';
  let events: FloorEvent[] = [];
  let next = 0;
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();

  const release = async () => {
    const t = now();
    const today = dayOf(t, hub.timeZone);
    if (today !== date) {
      date = today;
      events = trainingFloorDay({
        date,
        timeZone: hub.timeZone,
        agents: options.agents,
        seed: options.seed,
      });
      next = 0;
    }
    while (!stopped && next < events.length && events[next].at <= t) {
      const batch: FloorEvent[] = [];
      while (batch.length < BATCH && next < events.length && events[next].at <= t)
        batch.push(events[next++]);
      await hub.ingest(batch, 'training');
      // The embedded database runs on the desktop's own thread: between batches of the day
      // already gone, let the desktop answer its window.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const tick = () => {
    busy = busy.then(release).catch(() => {});
    return busy;
  };
  // A simulated floor is for today: a week of it is kept for the reports, no more.
  busy = hub.store.forget('training', now() - 7 * 24 * 3600_000).catch(() => {});
  const ready = tick();
  const timer = setInterval(tick, 1000);
  timer.unref();
  return {
    ready,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
