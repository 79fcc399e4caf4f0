// The light entry point: the local provider's factory (name, settings, validate) without the Docker
// engine and registry code, which its `create` loads on first use. The plugin registers providers
// from here.
export * from './lib/factory';
