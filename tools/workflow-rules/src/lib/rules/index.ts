import type { Finding, Rule } from '../finding';
import type { Workflow } from '../model/workflow';
import { ACTION_RUNTIME, actionRuntime } from './action-runtime';
import { AWS_OIDC_ONLY, awsOidcOnly } from './aws-oidc-only';
import { CHECKOUT_WITHOUT_CREDENTIALS, checkoutWithoutCredentials } from './checkout-without-credentials';
import { LEAST_PRIVILEGE_JOBS, leastPrivilegeJobs } from './least-privilege-jobs';
import { NO_DANGEROUS_TRIGGERS, noDangerousTriggers } from './no-dangerous-triggers';
import { NO_EXPRESSIONS_IN_RUN, noExpressionsInRun } from './no-expressions-in-run';
import { NO_LATEST_TAG, noLatestTag } from './no-latest-tag';
import { NODE_FROM_NVMRC, nodeFromNvmrc } from './node-from-nvmrc';
import { NPM_CI, npmCi } from './npm-ci';
import { NX_VERSION_AFTER_SEPARATOR, nxVersionAfterSeparator } from './nx-version-after-separator';
import { PINNED_ACTIONS, pinnedActions } from './pinned-actions';
import { READ_ONLY_TOP_LEVEL_PERMISSIONS, readOnlyTopLevelPermissions } from './read-only-top-level-permissions';

export * from './action-runtime';
export * from './action-runtimes';
export * from './aws-oidc-only';
export * from './checkout-without-credentials';
export * from './least-privilege-jobs';
export * from './no-dangerous-triggers';
export * from './no-expressions-in-run';
export * from './no-latest-tag';
export * from './node-from-nvmrc';
export * from './npm-ci';
export * from './nx-version-after-separator';
export * from './pinned-actions';
export * from './read-only-top-level-permissions';

/** The hardening rules every workflow in this repository must pass, by rule id. */
export const HARDENING_RULES: Readonly<Record<string, Rule>> = {
  [PINNED_ACTIONS]: pinnedActions,
  [ACTION_RUNTIME]: (workflow) => actionRuntime(workflow),
  [READ_ONLY_TOP_LEVEL_PERMISSIONS]: readOnlyTopLevelPermissions,
  [LEAST_PRIVILEGE_JOBS]: leastPrivilegeJobs,
  [NO_EXPRESSIONS_IN_RUN]: noExpressionsInRun,
  [CHECKOUT_WITHOUT_CREDENTIALS]: checkoutWithoutCredentials,
  [NO_DANGEROUS_TRIGGERS]: noDangerousTriggers,
  [NPM_CI]: npmCi,
  [NODE_FROM_NVMRC]: nodeFromNvmrc,
  [NX_VERSION_AFTER_SEPARATOR]: nxVersionAfterSeparator,
  [AWS_OIDC_ONLY]: awsOidcOnly,
  [NO_LATEST_TAG]: noLatestTag,
};

export function checkHardening(workflow: Workflow): Finding[] {
  return Object.values(HARDENING_RULES).flatMap((rule) => rule(workflow));
}
