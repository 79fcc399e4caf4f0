// Each generator of generators.json ("./generators.cjs#<name>"), loaded from its source only when Nx asks
// for it (see index.cjs).
require('../../ts-sources.cjs').register();

const SOURCES = {
  service: '../src/generators/service/service.ts',
  init: '../src/generators/init/init.ts',
  'generated-files': '../src/generators/generated-files/generator.ts',
};
for (const [name, source] of Object.entries(SOURCES)) {
  Object.defineProperty(exports, name, { enumerable: true, get: () => require(source).default });
}
