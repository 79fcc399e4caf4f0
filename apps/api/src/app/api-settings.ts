import { patternSetting, runtimeSettings, utcTimestampSetting } from '@slipway/service-runtime';

/**
 * What the api reads from its environment. The APP_* values are baked into the image at build
 * time (apps/api/Dockerfile); the defaults say plainly that this is a development build, never a
 * fake release, and an image built without them may pass the same placeholders explicitly.
 */
export const apiSettings = {
  ...runtimeSettings,
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
