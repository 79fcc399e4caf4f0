/**
 * `text` with the service name `from` replaced by `to` wherever it stands alone: as a path segment,
 * a dash-separated word or a whole word (slipway/api, slipway-api-local, "the api"), never inside
 * another word (apiVersion, rapid).
 */
export function renameService(text: string, from: string, to: string): string {
  return text.replace(new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(from)}(?![A-Za-z0-9_])`, 'g'), to);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
