import pino from 'pino';
import { accessLineWriter, type AccessRecord } from './access-line';

const base = { service: 'api', pid: 4242, hostname: 'ip-10-0-1-7.eu-west-1.compute.internal' };
const time = () => ',"time":"2026-01-31T12:00:00.000Z"';

/** What pino itself writes for the same line with the runtime's options. */
function pinoLine(level: 'info' | 'debug', record: AccessRecord): string {
  let written = '';
  const logger = pino(
    { level: 'trace', base, timestamp: time, formatters: { level: (label: string) => ({ level: label }) } },
    { write: (line: string) => (written += line) },
  );
  const { requestId, ...fields } = record;
  logger.child({ requestId })[level](fields, 'request completed');
  return written;
}

function templateLine(level: 'info' | 'debug', record: AccessRecord): string {
  let written = '';
  accessLineWriter(base, time, { write: (line: string) => (written += line) })(level, record);
  return written;
}

describe('accessLineWriter', () => {
  it.each<[string, 'info' | 'debug', AccessRecord]>([
    [
      'a plain request',
      'info',
      {
        requestId: '6f1c1c52-6a57-4b43-9f4c-0e7b1d8a9a11',
        method: 'GET',
        url: '/version',
        statusCode: 200,
        durationMs: 0.37,
      },
    ],
    [
      'a probe at debug',
      'debug',
      { requestId: 'edge-42', method: 'GET', url: '/readyz', statusCode: 503, durationMs: 12 },
    ],
    [
      'a url that needs escaping',
      'info',
      { requestId: 'r1', method: 'POST', url: '/a?q="x"&y=\\\n\u2028é', statusCode: 404, durationMs: 1.5 },
    ],
  ])('writes exactly what pino writes, byte for byte: %s', (_name, level, record) => {
    expect(templateLine(level, record)).toBe(pinoLine(level, record));
  });

  it('writes one JSON object per line', () => {
    const line = templateLine('info', { requestId: 'r1', method: 'GET', url: '/\n', statusCode: 200, durationMs: 0 });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({ url: '/\n', msg: 'request completed' });
  });
});
