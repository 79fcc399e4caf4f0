/**
 * `runs.using` of each action release this repository pins, keyed by `<action>@<commit>`. The rules run
 * offline and cannot read an action.yml on GitHub, so whoever pins a new commit adds it here, with where
 * the runtime was read. `node24` runs on Node 24; `composite` and `docker` bring no Node runtime of their
 * own. Keep replaced pins whose runtime is retired: the action-runtime rule then names the problem.
 */
export interface ActionRuntime {
  /** The release the commit is, as the `# vX.Y.Z` comment on the `uses:` line must say. */
  readonly version: string;
  readonly using: string;
  readonly source: string;
}

export const ACTION_RUNTIMES: Readonly<Record<string, ActionRuntime>> = {
  'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1': {
    version: 'v7.0.1',
    using: 'node24',
    source: 'node24 since v5.0.0 (actions/checkout#2226)',
  },
  'actions/setup-node@820762786026740c76f36085b0efc47a31fe5020': {
    version: 'v7.0.0',
    using: 'node24',
    source: 'node24 since v5.0.0 (actions/setup-node#1325)',
  },
  'actions/dependency-review-action@a1d282b36b6f3519aa1f3fc636f609c47dddb294': {
    version: 'v5.0.0',
    using: 'node24',
    source: 'v5.0.0 release notes: "updates the runtime to node24" (actions/dependency-review-action#1084)',
  },
  'actions/dependency-review-action@2031cfc080254a8a887f58cffee85186f0e49e48': {
    version: 'v4.9.0',
    using: 'node20',
    source: 'the runner warning quoted in actions/dependency-review-action#1072; replaced by v5.0.0',
  },
  'aquasecurity/trivy-action@ed142fd0673e97e23eac54620cfb913e5ce36c25': {
    version: 'v0.36.0',
    using: 'composite',
    source:
      'action.yaml; its nested actions/cache moved to v5 (node24) in aquasecurity/trivy-action#558, before v0.36.0',
  },
  'aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c': {
    version: 'v6.2.3',
    using: 'node24',
    source: 'v6.0.0 release notes: "Update action to use node24"',
  },
  'docker/metadata-action@dc802804100637a589fabce1cb79ff13a1411302': {
    version: 'v6.2.0',
    using: 'node24',
    source: 'v6.0.0 release notes: "Node 24 as default runtime" (docker/metadata-action#605)',
  },
  'github/codeql-action/init@8aad20d150bbac5944a9f9d289da16a4b0d87c1e': {
    version: 'v4.36.2',
    using: 'node24',
    source: 'CHANGELOG 4.30.7: "[v4+ only] The CodeQL Action now runs on Node.js v24" (github/codeql-action#3169)',
  },
  'github/codeql-action/analyze@8aad20d150bbac5944a9f9d289da16a4b0d87c1e': {
    version: 'v4.36.2',
    using: 'node24',
    source: 'CHANGELOG 4.30.7: "[v4+ only] The CodeQL Action now runs on Node.js v24" (github/codeql-action#3169)',
  },
  'gitleaks/gitleaks-action@e0c47f4f8be36e29cdc102c57e68cb5cbf0e8d1e': {
    version: 'v3.0.0',
    using: 'node24',
    source: 'v3.0.0: action.yml node20 → node24 (gitleaks/gitleaks-action#215)',
  },
  'nrwl/nx-set-shas@afb73a62d26e41464e9254689e1fd6122ee683c1': {
    version: 'v5.0.1',
    using: 'node24',
    source: 'v5: "update action runtime to node24" (nrwl/nx-set-shas#210)',
  },
};
