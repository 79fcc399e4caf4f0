import type {
  DeployProvider,
  EnvironmentStatus,
  ImageResolution,
  Observation,
  ProviderFactory,
  ReleasePlan,
  ResolvedImage,
  RevisionRef,
  RolloutHandle,
  RolloutSnapshot,
  TargetState,
} from '../provider';

export const STABLE: RevisionRef = {
  id: 'rev-1',
  label: 'app:1',
  image: 'repo@sha256:old',
  version: 'v1.1.0',
  commit: 'a'.repeat(40),
};
export const NEW: RevisionRef = {
  id: 'rev-2',
  label: 'app:2',
  image: 'repo@sha256:new',
  version: 'v1.2.0',
  previousId: 'rev-1',
};

export function rollout(overrides: Partial<RolloutSnapshot> = {}): RolloutSnapshot {
  return {
    id: 'r-new',
    revisionId: NEW.id,
    revisionLabel: NEW.label,
    primary: true,
    state: 'IN_PROGRESS',
    desired: 2,
    pending: 0,
    running: 0,
    failed: 0,
    ...overrides,
  };
}

export const STABLE_ROLLOUT = rollout({
  id: 'r-old',
  revisionId: STABLE.id,
  revisionLabel: STABLE.label,
  state: 'COMPLETED',
  running: 2,
});

export function observation(rollouts: RolloutSnapshot[], extra: Partial<Observation> = {}): Observation {
  return { status: 'ACTIVE', rollouts, events: [], stoppedTasks: [], ...extra };
}

export const IMAGE: ResolvedImage = {
  version: 'v1.2.0',
  repository: 'repo',
  digest: 'sha256:new',
  reference: 'repo@sha256:new',
  tags: ['v1.2.0', `sha-${'b'.repeat(40)}`],
  commit: 'b'.repeat(40),
};

type Step = Observation | Error | ((call: number) => Observation | Error);

/**
 * A scripted provider: `observations` are returned in order for each observe() call (the last
 * one repeats); any entry may be an Error to throw. Records every call by name.
 */
export class FakeProvider implements DeployProvider {
  readonly description = 'fake service app';
  readonly calls: string[] = [];
  /** Revision ids passed to restore(), in order. */
  readonly restoredTo: string[] = [];
  resolution: ImageResolution | Error = { found: true, image: IMAGE };
  target: TargetState | Error = {
    status: 'ACTIVE',
    current: STABLE,
    stable: STABLE,
    rollouts: [STABLE_ROLLOUT],
    events: [{ id: 'e0', at: new Date(0), message: 'old news' }],
    platformRollback: false,
  };
  applyResult: RolloutHandle | Error = { rolloutId: 'r-new', revision: NEW };
  restoreResult: RolloutHandle | Error = { rolloutId: 'r-back', revision: STABLE };
  observations: Step[] = [observation([rollout({ state: 'COMPLETED', running: 2 })])];
  revisions = new Map<string, RevisionRef | Error>([
    [STABLE.id, STABLE],
    [NEW.id, NEW],
  ]);
  statusResult: EnvironmentStatus | Error = {
    current: NEW,
    digest: 'sha256:new',
    rollout: rollout({ state: 'COMPLETED', running: 2 }),
    rollouts: [],
    since: new Date(0),
  };
  private observed = 0;

  inspectCommands(): string[] {
    return ['fake inspect'];
  }
  /** Other versions than v1.2.0 resolve to `repo@sha256:<version>`. */
  async resolveImage(version: string): Promise<ImageResolution> {
    const resolution = this.resolution;
    if (resolution instanceof Error || !resolution.found || version === IMAGE.version)
      return this.answer('resolveImage', resolution);
    const digest = `sha256:${version}`;
    return this.answer('resolveImage', {
      found: true,
      image: { ...IMAGE, version, digest, reference: `repo@${digest}`, commit: undefined },
    });
  }
  async readTarget(): Promise<TargetState> {
    return this.answer('readTarget', this.target);
  }
  async plan(target: TargetState, image: ResolvedImage): Promise<ReleasePlan> {
    this.calls.push('plan');
    return {
      image,
      current: target.current,
      stable: target.stable,
      nextLabel: 'app:2',
      changes: [{ field: 'image', from: target.current.image, to: image.reference }],
      facts: [['service', 'app']],
    };
  }
  async apply(): Promise<RolloutHandle> {
    return this.answer('apply', this.applyResult);
  }
  async restore(revision: RevisionRef): Promise<RolloutHandle> {
    this.restoredTo.push(revision.id);
    return this.answer('restore', this.restoreResult);
  }
  async observe(): Promise<Observation> {
    const index = Math.min(this.observed, this.observations.length - 1);
    const step = this.observations[index];
    this.observed++;
    return this.answer('observe', typeof step === 'function' ? step(this.observed) : step);
  }
  async readRevision(id: string): Promise<RevisionRef> {
    return this.answer('readRevision', this.revisions.get(id) ?? new Error(`no revision ${id}`));
  }
  async status(): Promise<EnvironmentStatus> {
    return this.answer('status', this.statusResult);
  }
  patchTarget(patch: Partial<TargetState>): void {
    if (this.target instanceof Error) throw this.target;
    this.target = { ...this.target, ...patch };
  }
  mutations(): string[] {
    return this.calls.filter((c) => c === 'apply' || c === 'restore');
  }
  private answer<T>(name: string, value: T | Error): T {
    this.calls.push(name);
    if (value instanceof Error) throw value;
    return value;
  }
}

export function fakeFactory(provider: FakeProvider, name = 'fake'): ProviderFactory {
  return {
    name,
    settings: [
      { name: 'cluster', required: true, description: 'where' },
      { name: 'service', required: false, description: 'what' },
    ],
    validate: (settings) => (settings['cluster'] === 'bad' ? ['cluster "bad" is bad'] : []),
    create: () => provider,
  };
}
