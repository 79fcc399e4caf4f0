import type { DeployExecutorSchema } from '../deploy/schema';

/** deploy-status reads the same target settings as deploy; it only reports, so no deploy knobs. */
export type DeployStatusExecutorSchema = Omit<
  DeployExecutorSchema,
  'version' | 'dryRun' | 'timeout' | 'rollback' | 'force'
>;
