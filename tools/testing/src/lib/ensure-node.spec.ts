import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from './free-port';
import { runCommand } from './run-command';
import { ENSURE_NODE_SCRIPT, WORKSPACE_ROOT } from './workspace';

// The README's commands on a machine whose Node is older than .nvmrc's: tools/ci/ensure-node.sh (the
// script .ci/run sources) brings the right Node from the npm registry and re-runs the command under it.
// The old Node is a real one: the npm package node@20, cached by the same script like the Node it brings.
const WANTED = readFileSync(join(WORKSPACE_ROOT, '.nvmrc'), 'utf8').replace(/\D/g, '');
const OLD = '20';
const minutes = (n: number) => n * 60_000;

describe('tools/ci/ensure-node.sh', () => {
  let oldNode: string;
  const scratch: string[] = [];
  const emptyDir = () => {
    scratch.push(mkdtempSync(join(tmpdir(), 'slipway-ensure-node-')));
    return scratch[scratch.length - 1];
  };
  const onOldNode = (extra: NodeJS.ProcessEnv = {}) => ({
    ...process.env,
    PATH: `${oldNode}:${process.env.PATH}`,
    ...extra,
  });
  const ensureNode = (args: string[], env: NodeJS.ProcessEnv) =>
    runCommand('bash', [ENSURE_NODE_SCRIPT, ...args], { env, cwd: WORKSPACE_ROOT, timeoutMs: minutes(3) });

  beforeAll(async () => {
    const installed = await ensureNode(['--dir', OLD], process.env);
    expect(installed).toMatchObject({ code: 0, stderr: '' });
    oldNode = installed.stdout.trim();
    const version = await runCommand(join(oldNode, 'node'), ['--version']);
    expect(version.stdout).toMatch(new RegExp(`^v${OLD}\\.`));
  }, minutes(3));

  afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  it(
    `runs the command under Node ${WANTED} when the Node on PATH is ${OLD}, saying so in one line`,
    async () => {
      const result = await ensureNode(['node', '-p', 'process.version'], onOldNode());
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toMatch(new RegExp(`^v${WANTED}\\.`));
      expect(result.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          new RegExp(`^ensure-node: Node v${OLD}\\.\\d+\\.\\d+ is older than \\.nvmrc's Node ${WANTED}: `),
        ),
      ]);
    },
    minutes(3),
  );

  it(
    `takes \`npm run rehearse\` from a Node ${OLD} npm to Node ${WANTED}`,
    async () => {
      const result = await runCommand('npm', ['run', '--silent', 'rehearse', '--', '--help'], {
        env: onOldNode(),
        cwd: WORKSPACE_ROOT,
        timeoutMs: minutes(3),
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('usage: npm run rehearse');
      expect(result.stderr).toMatch(
        new RegExp(`^ensure-node: Node v${OLD}\\.\\S+ is older than \\.nvmrc's Node ${WANTED}: `),
      );
    },
    minutes(3),
  );

  it(
    `runs the command as it is, silently, when the Node on PATH is ${WANTED}`,
    async () => {
      const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` };
      const result = await ensureNode(['node', '-p', 'process.execPath'], env);
      expect(result).toEqual({ code: 0, stdout: `${process.execPath}\n`, stderr: '' });
    },
    minutes(1),
  );

  it(
    'stops before the command, naming both Nodes and the fix, when downloads are turned off',
    async () => {
      const cache = emptyDir();
      const marker = join(cache, 'ran');
      const started = Date.now();
      const result = await ensureNode(
        ['touch', marker],
        onOldNode({ SLIPWAY_NODE_CACHE: cache, SLIPWAY_NODE_FETCH: '0' }),
      );
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(result.code).toBe(69);
      expect(existsSync(marker)).toBe(false);
      expect(result.stderr).toMatch(new RegExp(`needs Node ${WANTED} \\(\\.nvmrc\\) and found Node v${OLD}\\.`));
      expect(result.stderr).toContain(`SLIPWAY_NODE_FETCH=0 forbids downloading it`);
      expect(result.stderr).toContain(`nvm install ${WANTED}`);
    },
    minutes(1),
  );

  it(
    'stops before the command when the npm registry cannot be reached, leaving no half install',
    async () => {
      const cache = emptyDir();
      const marker = join(cache, 'ran');
      const registry = `http://127.0.0.1:${await freePort()}/`;
      const started = Date.now();
      const result = await ensureNode(
        ['touch', marker],
        onOldNode({ SLIPWAY_NODE_CACHE: cache, npm_config_registry: registry }),
      );
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(result.code).toBe(69);
      expect(existsSync(marker)).toBe(false);
      expect(result.stderr).toContain(`npm could not install node@${WANTED} from ${registry}`);
      expect(result.stderr).toContain(`nvm install ${WANTED}`);
      expect(readdirSync(cache)).toEqual([]);
    },
    minutes(1),
  );
});
