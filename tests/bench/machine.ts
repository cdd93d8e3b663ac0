import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/** The machine a figure was measured on: cores, CPU model, memory, and how busy it was. */
export function machine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const gib = (totalmem() / 1024 ** 3).toFixed(0);
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return `${availableParallelism()} cores (${model}), ${gib} GiB, Node ${process.version}, load average ${load}`;
}

/** The largest resident size of this process while `fn` runs, sampled every 200 ms. */
export async function peakResident<T>(fn: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 200);
  try {
    const value = await fn();
    return { value, peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}
