/**
 * `WWW-Authenticate` of a 401, as the distribution token spec uses it:
 * `Bearer realm="https://auth.example/token",service="registry",scope="repository:app:pull"` or `Basic realm="..."`.
 */
export interface AuthChallenge {
  readonly scheme: 'basic' | 'bearer';
  readonly params: Readonly<Record<string, string>>;
}

const PARAM = /([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"|([a-zA-Z_]+)=([^\s,]+)/g;

export function parseAuthChallenge(header: string | null): AuthChallenge | undefined {
  const match = header?.trim().match(/^(\w+)\s*(.*)$/s);
  if (!match) return undefined;
  const scheme = match[1].toLowerCase();
  if (scheme !== 'basic' && scheme !== 'bearer') return undefined;
  const params: Record<string, string> = {};
  for (const m of match[2].matchAll(PARAM)) {
    const [key, value] = m[1] ? [m[1], m[2].replace(/\\(.)/g, '$1')] : [m[3], m[4]];
    params[key.toLowerCase()] = value;
  }
  return { scheme, params };
}
