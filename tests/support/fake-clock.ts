/** A clock tests move by hand: timers run in time order when `advance` passes them. */
export class FakeClock {
  now = 0;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  setTimeout = (fn: () => void, ms: number): ReturnType<typeof setTimeout> => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.now + Math.max(0, ms), fn });
    return id as unknown as ReturnType<typeof setTimeout>;
  };

  clearTimeout = (t: ReturnType<typeof setTimeout>): void => {
    this.timers.delete(t as unknown as number);
  };

  pending(): number {
    return this.timers.size;
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | null = null;
      for (const entry of this.timers)
        if (entry[1].at <= until && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.now = next[1].at;
      next[1].fn();
    }
    this.now = until;
  }
}

/** A seeded random source (the seed's generator), so a test draws the same numbers every run. */
export { mulberry32 as seededRandom } from '../../shared/random';
