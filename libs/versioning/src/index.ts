export * from './lib/release-version';
export * from './lib/commit-sha';
export * from './lib/image-tags';
