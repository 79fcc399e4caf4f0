import type { Setting } from '@slipway/service-runtime';

/** A service whose /version the status page reads. */
export interface StatusTarget {
  readonly name: string;
  readonly url: string;
}

const ENTRY = /^([a-z][a-z0-9-]*)=(https?:\/\/[^\s,]+?)\/?$/;

/** STATUS_TARGETS: `name=url` pairs separated by commas, e.g. `api=http://api.internal,jobs=http://jobs:3000`. */
export function statusTargetsSetting(variable: string): Setting<readonly StatusTarget[]> {
  return {
    variable,
    defaultValue: [],
    allowed: 'name=http(s)://host[:port] pairs separated by commas, each name once (e.g. api=http://api.internal)',
    parse(raw) {
      const targets: StatusTarget[] = [];
      for (const entry of raw.split(',')) {
        const match = ENTRY.exec(entry.trim());
        if (!match || targets.some((target) => target.name === match[1]) || !URL.canParse(match[2])) return undefined;
        targets.push({ name: match[1], url: match[2] });
      }
      return targets;
    },
  };
}
