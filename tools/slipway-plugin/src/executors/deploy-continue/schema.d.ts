import type { DeployExecutorSchema } from '../deploy/schema';

export type DeployContinueExecutorSchema = Omit<DeployExecutorSchema, 'version' | 'dryRun' | 'force'>;
