import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { exportLines, parseCliArgs, UsageError } from './cli-args';

describe('parseCliArgs', () => {
  it('takes a preset, port, host and speed', () => {
    const options = parseCliArgs([
      '--scenario',
      'crash-loop',
      '--port',
      '4599',
      '--host',
      '0.0.0.0',
      '--ms-per-sim-second',
      '50',
    ]);
    expect(options).toMatchObject({ port: 4599, host: '0.0.0.0', msPerSimSecond: 50 });
    expect(options.scenario.rollouts!['v1.2.0']).toEqual({ kind: 'crashLoop', exitCode: 1 });
  });

  it('defaults to the healthy preset on an ephemeral port', () => {
    expect(parseCliArgs([])).toMatchObject({ port: 0, host: '127.0.0.1', msPerSimSecond: undefined });
  });

  it('reads a scenario file and validates it', () => {
    expect(parseCliArgs(['--scenario', 'x.json'], () => '{"clusters":["a"]}').scenario).toEqual({ clusters: ['a'] });
    expect(() => parseCliArgs(['--scenario', 'x.json'], () => '{"clusters":"a"}')).toThrow(
      'x.json: Invalid scenario: clusters must be an array',
    );
  });

  it.each([
    [['--scenario', 'nope'], /neither a preset nor a readable file/],
    [['--port', '70000'], /--port must be 0..65535/],
    [['--ms-per-sim-second', '0'], /--ms-per-sim-second must be a positive number/],
    [['--bogus'], /Unknown option '--bogus'[\s\S]*Usage:/],
  ])('rejects %j with usage', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('prints export lines', () => {
    expect(exportLines({ A: '1', B: 'x' })).toBe('export A=1\nexport B=x');
  });
});

describe('cli.ts as a process', () => {
  const root = join(__dirname, '../../../..');
  const start = (args: string[]) =>
    spawn(process.execPath, ['-r', '@swc-node/register', 'tools/ecs-simulator/src/cli.ts', ...args], { cwd: root });

  it('serves the preset, prints how to point the SDK at it, and stops on SIGTERM', async () => {
    const child = start(['--scenario', 'healthy']);
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /export AWS_ENDPOINT_URL_ECS=(\S+)/.exec(out);
        if (match) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const health = (await (await fetch(`${url}/_sim/health`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
    const exit = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 20_000);

  it('exits 2 with the usage on bad arguments', async () => {
    const child = start(['--port', 'x']);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/--port must be 0..65535, got x/);
  }, 20_000);
});
