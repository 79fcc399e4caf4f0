import { isIP } from 'node:net';

/**
 * One environment variable: its name, its default, a parser and a human description of what
 * it accepts. The description is what a failed start prints, so write it for the operator.
 */
export interface Setting<T> {
  readonly variable: string;
  readonly defaultValue: T;
  readonly allowed: string;
  /** Returns the parsed value, or `undefined` when the raw text is not allowed. */
  parse(raw: string): T | undefined;
}

export function integerSetting(variable: string, defaultValue: number, min: number, max: number): Setting<number> {
  return {
    variable,
    defaultValue,
    allowed: `an integer from ${min} to ${max}`,
    parse(raw) {
      if (!/^(0|[1-9]\d{0,15})$/.test(raw)) return undefined;
      const value = Number(raw);
      return value >= min && value <= max ? value : undefined;
    },
  };
}

export function oneOfSetting<const T extends string>(
  variable: string,
  defaultValue: NoInfer<T>,
  choices: readonly T[],
): Setting<T> {
  return {
    variable,
    defaultValue,
    allowed: `one of ${choices.join(', ')}`,
    parse: (raw) => choices.find((choice) => choice === raw),
  };
}

export function patternSetting(
  variable: string,
  defaultValue: string,
  pattern: RegExp,
  allowed: string,
): Setting<string> {
  return { variable, defaultValue, allowed, parse: (raw) => (pattern.test(raw) ? raw : undefined) };
}

const NUMERIC_DOTTED = /^[\d.]+$/;
const HOSTNAME =
  /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** An address to bind: an IPv4 or IPv6 literal, or a hostname such as `localhost`. */
export function hostSetting(variable: string, defaultValue: string): Setting<string> {
  return {
    variable,
    defaultValue,
    allowed: 'an IPv4 or IPv6 address or a hostname (0.0.0.0 listens on every interface)',
    // Digits and dots only must be a valid IPv4 address, never a "hostname" like 256.0.0.1.
    parse: (raw) => (isIP(raw) !== 0 || (HOSTNAME.test(raw) && !NUMERIC_DOTTED.test(raw)) ? raw : undefined),
  };
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/**
 * A UTC instant as `date -u +%Y-%m-%dT%H:%M:%SZ` prints it. The default is a placeholder such
 * as "unknown", and setting it explicitly is allowed too (an image built without a build time).
 */
export function utcTimestampSetting(variable: string, defaultValue: string): Setting<string> {
  return {
    variable,
    defaultValue,
    allowed: `a UTC timestamp like 2026-01-31T12:00:00Z, or ${JSON.stringify(defaultValue)}`,
    parse: (raw) => (raw === defaultValue || (ISO_UTC.test(raw) && !Number.isNaN(Date.parse(raw))) ? raw : undefined),
  };
}
