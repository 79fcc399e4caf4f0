export * from './lib/release-version';
