import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStateStore } from './state';

describe('fileStateStore', () => {
  it('remembers the last successful rehearsal under tmp/rehearsal, and ignores a broken file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'slipway-state-'));
    try {
      const store = fileStateStore(root);
      expect(await store.read()).toBeUndefined();
      await store.write({ head: 'a'.repeat(40), version: 'v1.0.0', at: '2026-01-01T00:00:00.000Z' });
      expect(await store.read()).toEqual({ head: 'a'.repeat(40), version: 'v1.0.0', at: '2026-01-01T00:00:00.000Z' });
      writeFileSync(join(root, 'tmp/rehearsal/last-success.json'), '{"head": 3}');
      expect(await store.read()).toBeUndefined();
      mkdirSync(join(root, 'x'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
