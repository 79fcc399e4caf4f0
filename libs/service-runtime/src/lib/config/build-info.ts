import type { ConfigOf } from './read-config';
import { patternSetting, utcTimestampSetting } from './setting';

/**
 * Which build is running, from the APP_* values the image bakes in at build time (each app's
 * Dockerfile). The defaults say plainly that this is a development build, never a fake release;
 * an image built without them may pass the same placeholders explicitly.
 */
export const buildInfoSettings = {
  appVersion: patternSetting(
    'APP_VERSION',
    '0.0.0-development',
    /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/,
    'a semantic version like v1.2.0 or 1.2.0-rc.1',
  ),
  appCommit: patternSetting(
    'APP_COMMIT',
    'unknown',
    /^([0-9a-f]{7,40}|unknown)$/,
    'a git commit sha (7 to 40 lower-case hex digits), or "unknown"',
  ),
  appBuiltAt: utcTimestampSetting('APP_BUILT_AT', 'unknown'),
} as const;

export type BuildInfoConfig = ConfigOf<typeof buildInfoSettings>;
