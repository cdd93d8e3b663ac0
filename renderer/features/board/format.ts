import { formatDuration } from '../../../shared/i18n/format';
import { useFormat } from '../account/format';

/** The board's figures in the screen's language: percents, durations (m:ss), counts. */
export function useBoardFormat() {
  const f = useFormat();
  const tag = f.locale === 'es' ? 'es-US' : 'en-US';
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  return {
    ...f,
    percent: (ratio: number | null, none: string) =>
      ratio === null ? none : percent.format(ratio),
    seconds: (ms: number | null, none: string) =>
      ms === null ? none : formatDuration(Math.round(ms / 1000)),
    duration: (seconds: number) => formatDuration(seconds),
  };
}
