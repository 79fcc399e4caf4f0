import { request as httpRequest, type Agent } from 'node:http';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly json: unknown;
}

/** One request on a fresh connection unless an agent is given; rejects with the socket error code. */
export function httpGet(
  url: string,
  options: { agent?: Agent; method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', agent: options.agent ?? false, headers: options.headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parseJson(text) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Collects pino's JSON lines in memory. */
export class LogCapture {
  readonly lines: Record<string, unknown>[] = [];

  write(line: string): void {
    for (const part of line.split('\n')) if (part.trim()) this.lines.push(JSON.parse(part) as Record<string, unknown>);
  }

  withMessage(msg: string): Record<string, unknown>[] {
    return this.lines.filter((line) => line['msg'] === msg);
  }
}
