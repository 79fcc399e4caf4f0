// The light entry point: the ECS provider's factory (name, settings, validate) without the AWS SDK
// and the provider, which its `create` loads on first use. The plugin registers providers from here.
export * from './lib/factory';
