// The light entry point: the Kubernetes provider's factory (name, settings, validate) without the
// provider and its clients, which its `create` loads on first use. The plugin registers providers
// from here.
export * from './lib/factory';
