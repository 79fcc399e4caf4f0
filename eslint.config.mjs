import nx, { loadWorkspaceRules } from '@nx/eslint-plugin';

// The workspace's own rules (tools/repo-rules/src/eslint-rules), written in TypeScript.
const slipway = { rules: await loadWorkspaceRules('tools/repo-rules/src/eslint-rules') };

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/coverage', '**/node_modules', '**/tmp', '.nx/**'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      // `const { dropped, ...kept } = x` is how an object loses a field; the dropped name is not a mistake.
      '@typescript-eslint/no-unused-vars': ['warn', { ignoreRestSiblings: true }],
      // Layers: apps use libs; tools use libs; libs never reach up into apps or tools.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          // The workspace's require hook for TypeScript sources (tools/ts-sources.cjs) is a file, not a project.
          allow: ['../**/ts-sources.cjs'],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // A service uses shared libraries and its own (tagged scope:<service>), never the delivery tooling.
            { sourceTag: 'type:app', notDependOnLibsWithTags: ['scope:delivery', 'scope:repo'] },
            { sourceTag: 'scope:delivery', onlyDependOnLibsWithTags: ['scope:delivery', 'scope:shared'] },
            { sourceTag: 'scope:repo', onlyDependOnLibsWithTags: ['scope:repo', 'scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    // Modules of a project form a pipeline; a relative import that leads back is a piece to move out.
    files: ['**/*.ts'],
    plugins: { slipway },
    rules: { 'slipway/no-import-cycle': 'error' },
  },
  {
    // Config files import the root config by path; that is not a project dependency.
    files: ['**/eslint.config.mjs', '**/jest.config.js'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // Test fakes live in test-support/ and reach other projects only through a `/testing` entry
    // point: code that ships never imports either.
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/test-support/**', '@slipway/*/testing'],
              message: 'test code: import it from spec files, test-support/ or a testing.ts entry point only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e.ts', '**/test-support/**/*.ts', '**/src/testing.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': 'off',
    },
  },
];
