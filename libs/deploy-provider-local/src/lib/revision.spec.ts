import {
  digestOf,
  findInChain,
  LABELS,
  MAX_HISTORY,
  revisionFromLabels,
  revisionLabel,
  revisionLabels,
  successorHistory,
  toRevisionRef,
  type ContainerRevision,
} from './revision';

const ref = (n: number) => `127.0.0.1:5055/slipway/api@sha256:${String(n).repeat(64).slice(0, 64)}`;

describe('revision records on container labels', () => {
  const v1: ContainerRevision = { image: ref(1), version: 'v1.0.0', commit: 'a'.repeat(40), history: [] };
  const v2: ContainerRevision = {
    image: ref(2),
    version: 'v1.1.0',
    commit: 'b'.repeat(40),
    history: successorHistory(v1),
  };

  it('labels a revision with version, commit, digest, previous and its history', () => {
    const labels = revisionLabels(v2, 'local', 'r-2');
    expect(labels).toEqual({
      [LABELS.managedBy]: 'slipway',
      [LABELS.environment]: 'local',
      [LABELS.rollout]: 'r-2',
      [LABELS.version]: 'v1.1.0',
      [LABELS.commit]: 'b'.repeat(40),
      [LABELS.digest]: `sha256:${'2'.repeat(64)}`,
      [LABELS.previous]: ref(1),
      [LABELS.history]: JSON.stringify([{ image: ref(1), version: 'v1.0.0', commit: 'a'.repeat(40) }]),
    });
    expect(revisionFromLabels(ref(2), labels)).toEqual(v2);
  });

  it('reads a container Slipway did not start as its image alone', () => {
    expect(revisionFromLabels('nginx:latest', {})).toEqual({
      image: 'nginx:latest',
      version: undefined,
      commit: undefined,
      history: [],
    });
    expect(revisionFromLabels(ref(1), { [LABELS.history]: 'not json' }).history).toEqual([]);
    expect(revisionFromLabels(ref(1), { [LABELS.history]: '{"image":"x"}' }).history).toEqual([]);
    expect(revisionFromLabels(ref(1), { [LABELS.history]: '[{"image":"x","version":3},{"nope":1}]' }).history).toEqual([
      { image: 'x' },
    ]);
  });

  it('walks the chain by depth, so an image that appears twice (v1 → v2 → v1) cannot loop', () => {
    const v3: ContainerRevision = { image: ref(1), version: 'v1.0.0', history: successorHistory(v2) };
    expect(v3.history.map((e) => e.image)).toEqual([ref(2), ref(1)]);
    const head = toRevisionRef(v3);
    expect(head).toMatchObject({ id: ref(1), previousId: `${ref(2)}#1` });
    const first = findInChain(v3, head.previousId!)!;
    expect(first).toEqual({
      depth: 1,
      revision: { image: ref(2), version: 'v1.1.0', commit: 'b'.repeat(40), history: [v3.history[1]] },
    });
    const second = toRevisionRef(first.revision, first.depth);
    expect(second).toMatchObject({ id: `${ref(2)}#1`, previousId: `${ref(1)}#2` });
    expect(findInChain(v3, second.previousId!)).toEqual({ depth: 2, revision: { ...v3.history[1], history: [] } });
    expect(findInChain(v3, ref(1))).toEqual({ depth: 0, revision: v3 });
    expect(findInChain(v3, ref(2))).toBeUndefined();
    expect(findInChain(v3, `${ref(2)}#2`)).toBeUndefined();
    expect(findInChain(v3, `${ref(2)}#7`)).toBeUndefined();
  });

  it('keeps at most MAX_HISTORY entries', () => {
    let head: ContainerRevision = v1;
    for (let i = 0; i < MAX_HISTORY + 5; i++) head = { image: ref(i % 9), history: successorHistory(head) };
    expect(head.history).toHaveLength(MAX_HISTORY);
    expect(JSON.parse(revisionLabels(head, 'local', 'r')[LABELS.history])).toHaveLength(MAX_HISTORY);
  });

  it('turns a revision into the engine shape, previous first', () => {
    expect(toRevisionRef(v2)).toEqual({
      id: ref(2),
      label: `slipway/api@${'2'.repeat(12)}`,
      image: ref(2),
      version: 'v1.1.0',
      commit: 'b'.repeat(40),
      previousId: `${ref(1)}#1`,
    });
    expect(successorHistory(undefined)).toEqual([]);
  });

  it('labels and digests from references', () => {
    expect(revisionLabel('api@sha256:abc')).toBe('api@abc');
    expect(revisionLabel('nginx:latest')).toBe('nginx:latest');
    expect(digestOf(ref(3))).toBe(`sha256:${'3'.repeat(64)}`);
    expect(digestOf('nginx:latest')).toBeUndefined();
  });
});
