// progress.js: a one-line progress bar on stderr for work that takes over about a second:
// bytes and rows per second and, when the size is known, the percentage and the ETA.

import { formatBytes, formatCount } from './human.js';

const BAR_WIDTH = 16;

/**
 * A progress bar drawn on `stream` (a terminal), first after `delayMs`, then at most every
 * `intervalMs`. When `enabled` is false (with `--json`, or when stderr is not a terminal),
 * `update` and `done` do nothing.
 * @param {{ stream: { write(text: string): unknown, columns?: number }, enabled: boolean,
 *   totalBytes?: number | null, now?: () => number, delayMs?: number, intervalMs?: number,
 *   format?: (state: object) => string }} options `format` draws a state other than bytes and rows
 */
export function createProgress({ stream, enabled, totalBytes = null, now = Date.now, delayMs = 1000, intervalMs = 100, format }) {
  const started = now();
  let drawn = 0;
  let shown = false;
  return {
    /** Reports the bytes and rows done so far (or the state `format` draws). */
    update(state) {
      if (!enabled) return;
      const time = now();
      if (time - started < delayMs || time - drawn < intervalMs) return;
      drawn = time;
      shown = true;
      const seconds = (time - started) / 1000;
      const line = format ? format({ ...state, seconds }) : progressLine({ bytes: state.bytes, rows: state.rows, totalBytes, seconds });
      const width = stream.columns > 0 ? stream.columns : 80;
      stream.write(`\r${line.slice(0, Math.max(20, width - 1))}\x1b[K`);
    },
    /** Clears the line, if it was drawn. */
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

/**
 * The text of the bar, under 80 columns: `[######----------]  40%  20 MB/s  200 000 rows  100 000 rows/s  ETA 0:03`
 * (without the size, the bytes read instead of the bar).
 * Without `bytes`, only the records and records per second.
 * @param {{ bytes?: number, rows: number, totalBytes: number | null, seconds: number }} state
 */
export function progressLine({ bytes, rows, totalBytes, seconds }) {
  const perSecond = (count) => (seconds > 0 ? count / seconds : 0);
  const parts = [];
  if (bytes === undefined) {
    return [`${formatCount(rows)} records`, `${formatCount(Math.round(perSecond(rows)))} records/s`].join('  ');
  }
  if (totalBytes) {
    const fraction = Math.min(1, bytes / totalBytes);
    const filled = Math.round(fraction * BAR_WIDTH);
    parts.push(`[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`);
  } else {
    parts.push(formatBytes(bytes));
  }
  parts.push(`${formatBytes(Math.round(perSecond(bytes)))}/s`, `${formatCount(rows)} rows`, `${formatCount(Math.round(perSecond(rows)))} rows/s`);
  if (totalBytes && bytes > 0 && bytes < totalBytes) {
    parts.push(`ETA ${duration((totalBytes - bytes) / perSecond(bytes))}`);
  }
  return parts.join('  ');
}

/** `m:ss` or `h:mm:ss`. */
export function duration(seconds) {
  const whole = Math.ceil(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
