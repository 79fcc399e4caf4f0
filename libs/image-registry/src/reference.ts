// The light entry point: image names (registry host, repository, tags) parsed and checked, without
// the registry client, credentials and publish plan. The providers' pure settings validation uses
// it, so each deploy checks every provider's settings without loading the registry code (~0.03 CPU-s).
export * from './lib/image-reference';
