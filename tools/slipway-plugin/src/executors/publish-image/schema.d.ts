export interface PublishImageExecutorSchema {
  image?: string;
  registry?: string;
  repository?: string;
  commit?: string;
  version?: string;
  promote?: boolean;
  auth?: 'auto' | 'docker' | 'ecr' | 'none';
  plainHttp?: boolean;
  json?: boolean;
}
