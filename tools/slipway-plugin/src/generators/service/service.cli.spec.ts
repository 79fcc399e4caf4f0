import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runNx, WORKSPACE_ROOT } from '@slipway/testing';

// The real `nx g` in this workspace, with --dry-run: it lists what it would write and writes nothing.
jest.setTimeout(120_000);

const generate = (...args: string[]) =>
  runNx(['g', '@slipway/nx-plugin:service', ...args, '--dry-run', '--no-interactive'], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });

describe('nx g @slipway/nx-plugin:service <name> --dry-run', () => {
  const name = `dry-run-${process.pid}`;

  it('lists every file it would create or update, and writes none', async () => {
    const result = await generate(name);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').map((line) => line.trim());
    for (const file of ['Dockerfile', 'Dockerfile.dockerignore', 'deploy.json', 'project.json', 'src/main.ts'])
      expect(lines).toContain(`CREATE apps/${name}/${file}`);
    expect(lines).toContain(`CREATE deploy/kubernetes/${name}/deployment.yaml`);
    expect(lines).toContain('UPDATE .github/workflows/deploy.yml');
    expect(lines).not.toContain('UPDATE nx.json');
    expect(`${result.stdout}${result.stderr}`).toContain('The "dryRun" flag means no changes were made.');
    expect(existsSync(join(WORKSPACE_ROOT, 'apps', name))).toBe(false);
  });

  it('refuses a bad name before anything is written', async () => {
    const result = await generate('Not-A-Name');
    expect(result.code).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toContain(
      "Property 'name' does not match the schema. 'Not-A-Name' should match the pattern",
    );
    expect(result.stdout).not.toContain('CREATE');
  });
});
