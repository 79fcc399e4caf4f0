// Each executor of executors.json ("./executors.cjs#<name>"), loaded from ../src/executors/<name>/executor.ts
// only when Nx asks for it (see index.cjs).
require('../../ts-sources.cjs').register();

for (const name of Object.keys(require('./executors.json').executors)) {
  Object.defineProperty(exports, name, {
    enumerable: true,
    get: () => require(`../src/executors/${name}/executor.ts`).default,
  });
}
