import { invalidInput } from '../errors';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
const EXAMPLES = 'use seconds (900) or a duration like 90s, 15m, 1h30m';

/**
 * Parses `15m`, `90s`, `1h30m`, `500ms` or a bare number of seconds (`900`, or 900 as a number,
 * which is what Nx hands over for `--timeout 900`). Returns milliseconds.
 */
export function parseDuration(input: unknown, optionName: string): number {
  if (typeof input === 'number') return secondsToMs(input, optionName);
  if (typeof input !== 'string' || input.trim() === '') {
    throw invalidInput(`--${optionName} is empty: ${EXAMPLES}`);
  }
  const text = input.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return secondsToMs(Number(text), optionName);
  let total = 0;
  PART.lastIndex = 0;
  let consumed = 0;
  for (let match = PART.exec(text); match; match = PART.exec(text)) {
    total += Number(match[1]) * UNIT_MS[match[2]];
    consumed = PART.lastIndex;
  }
  if (consumed !== text.length || consumed === 0) {
    throw invalidInput(`--${optionName} ${JSON.stringify(input)} is not a duration: ${EXAMPLES}`);
  }
  return positive(Math.round(total), input, optionName);
}

function secondsToMs(seconds: number, optionName: string): number {
  if (!Number.isFinite(seconds)) throw invalidInput(`--${optionName} ${seconds} is not a duration: ${EXAMPLES}`);
  return positive(Math.round(seconds * 1000), seconds, optionName);
}

function positive(ms: number, shown: unknown, optionName: string): number {
  if (ms <= 0) throw invalidInput(`--${optionName} ${JSON.stringify(shown)} must be greater than zero: ${EXAMPLES}`);
  return ms;
}

/** `134000` → `2m 14s`; used in summaries and progress lines. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
  return `${seconds}s`;
}

/** `[mm:ss]` elapsed stamp at the start of progress lines. */
export function formatElapsed(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  return `${String(minutes).padStart(2, '0')}:${String(totalSeconds % 60).padStart(2, '0')}`;
}
