import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, PatchError } from './patch';

describe('JSON patch (RFC 6902) and merge patch (RFC 7386)', () => {
  const doc = { metadata: { generation: 2, annotations: { a: '1' } }, spec: { list: ['x', 'y'] } };

  it('adds, replaces, removes, tests, moves and copies, leaving the input alone', () => {
    const out = applyJsonPatch(doc, [
      { op: 'test', path: '/metadata/generation', value: 2 },
      { op: 'add', path: '/metadata/annotations/kubernetes.io~1change-cause', value: 'c' },
      { op: 'replace', path: '/spec/list/1', value: 'z' },
      { op: 'add', path: '/spec/list/-', value: 'w' },
      { op: 'remove', path: '/metadata/annotations/a' },
      { op: 'copy', from: '/spec/list/0', path: '/spec/first' },
      { op: 'move', from: '/spec/first', path: '/spec/moved' },
    ]);
    expect(out).toEqual({
      metadata: { generation: 2, annotations: { 'kubernetes.io/change-cause': 'c' } },
      spec: { list: ['x', 'z', 'w'], moved: 'x' },
    });
    expect(doc.metadata.annotations).toEqual({ a: '1' });
    expect(applyJsonPatch(doc, [{ op: 'replace', path: '', value: 1 }])).toBe(1);
  });

  it('refuses failed tests and missing paths with 422, malformed patches with 400', () => {
    const fail = (ops: unknown) => {
      try {
        applyJsonPatch(doc, ops);
      } catch (error) {
        return [(error as PatchError).status, (error as Error).message];
      }
      return undefined;
    };
    expect(fail([{ op: 'test', path: '/metadata/generation', value: 3 }])).toEqual([
      422,
      'testing value /metadata/generation failed: expected 3, found 2',
    ]);
    expect(fail([{ op: 'replace', path: '/spec/nope', value: 1 }])).toEqual([422, 'path /spec/nope does not exist']);
    expect(fail([{ op: 'add', path: '/spec/list/9', value: 1 }])).toEqual([422, 'index 9 is out of range']);
    expect(fail([{ op: 'add', path: '/metadata/generation/x', value: 1 }])?.[0]).toBe(422);
    expect(fail({})?.[0]).toBe(400);
    expect(fail([{ op: 'jump', path: '/x' }])?.[0]).toBe(400);
    expect(fail([{ op: 'add' }])?.[0]).toBe(400);
    expect(fail([{ op: 'add', path: 'x', value: 1 }])?.[0]).toBe(400);
  });

  it('merge patch: objects merge, null deletes, the rest replaces', () => {
    expect(applyMergePatch(doc, { metadata: { annotations: { a: null, b: '2' } }, spec: { list: ['q'] } })).toEqual({
      metadata: { generation: 2, annotations: { b: '2' } },
      spec: { list: ['q'] },
    });
    expect(applyMergePatch('x', { a: 1 })).toEqual({ a: 1 });
  });
});

describe('strategic merge patch (what kubectl set image sends)', () => {
  const deployment = {
    spec: {
      template: {
        spec: {
          containers: [
            { name: 'api', image: 'a', ports: [{ containerPort: 3000, name: 'http' }] },
            { name: 'sidecar', image: 's' },
          ],
        },
      },
    },
  };

  it('merges containers by name, keeps the other fields and lists, ignores $setElementOrder', () => {
    const patched = applyStrategicMergePatch(deployment, {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'api' }, { name: 'sidecar' }],
            containers: [{ name: 'api', image: 'b' }],
          },
        },
      },
    });
    expect(patched).toEqual({
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'api', image: 'b', ports: [{ containerPort: 3000, name: 'http' }] },
              { name: 'sidecar', image: 's' },
            ],
          },
        },
      },
    });
  });

  it('adds new items, deletes with $patch: delete or null, and replaces lists it does not merge', () => {
    const patched = applyStrategicMergePatch(deployment, {
      spec: {
        template: {
          metadata: { labels: { tier: 'web' } },
          spec: {
            containers: [
              { name: 'sidecar', $patch: 'delete' },
              { name: 'init', image: 'i', args: ['x'] },
            ],
            nodeSelector: null,
            tolerations: [{ key: 'k' }],
          },
        },
      },
    }) as typeof deployment & { spec: { template: { spec: { tolerations: unknown } } } };
    expect(patched.spec.template.spec.containers.map((c) => c.name)).toEqual(['api', 'init']);
    expect(patched.spec.template.spec.tolerations).toEqual([{ key: 'k' }]);
    expect(() => applyStrategicMergePatch(deployment, { spec: { template: { spec: { containers: ['x'] } } } })).toThrow(
      PatchError,
    );
  });
});
