import type { Finding } from '../finding';
import type { Workflow } from '../model/workflow';
import { buildContract } from './build-contract';
import { ciContract } from './ci-contract';
import type { Contract } from './contract';
import { deployContract } from './deploy-contract';

export * from './build-contract';
export * from './ci-contract';
export * from './contract';
export * from './deploy-contract';

/** The spec's three workflows, by file name under .github/workflows. */
export const CONTRACTS: Readonly<Record<string, Contract>> = {
  'ci.yml': ciContract,
  'build.yml': buildContract,
  'deploy.yml': deployContract,
};

export function checkContract(fileName: string, workflow: Workflow): Finding[] {
  return CONTRACTS[fileName]?.(workflow) ?? [];
}
