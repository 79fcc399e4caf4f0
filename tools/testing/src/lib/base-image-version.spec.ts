import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './workspace';

// Tests run on the local base (tools/ci/make-node-base.sh), production on the Dockerfile's default:
// both must be the same Node, and the major the repository runs on.
const read = (path: string) => readFileSync(join(WORKSPACE_ROOT, path), 'utf8');

describe('Node version of the image bases', () => {
  it('is the same in the local base script and the Dockerfile default, and matches .nvmrc', () => {
    const local = /^NODE_VERSION=\$\{NODE_VERSION:-(\d+\.\d+\.\d+)\}$/m.exec(read('tools/ci/make-node-base.sh'))?.[1];
    const production = /^ARG BASE_IMAGE=docker\.io\/library\/node:(\d+\.\d+\.\d+)-[a-z]+-slim$/m.exec(
      read('apps/api/Dockerfile'),
    )?.[1];
    expect(local).toBeDefined();
    expect(production).toBe(local);
    expect(local!.split('.')[0]).toBe(read('.nvmrc').replace(/\D/g, ''));
  });
});
