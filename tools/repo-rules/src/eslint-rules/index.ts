import { noImportCycle } from './no-import-cycle';

/** The workspace's own lint rules, loaded by the root eslint.config.mjs as the `slipway` plugin. */
export const rules = {
  'no-import-cycle': noImportCycle,
};
