export * from './lib/branch-rule';
export * from './lib/pushed-branches';
export * from './lib/commit-range';
export * from './lib/range-report';
export * from './lib/release-outcome';
export * from './lib/release-outputs';
export * from './lib/release-preview';
export type * from './lib/semantic-release-types';
