import { pushedBranchNames } from './pushed-branches';

const SHA = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';
const ZERO = '0'.repeat(40);

describe('pushedBranchNames', () => {
  it('reads the remote branch names from pre-push stdin', () => {
    const stdin = [
      `refs/heads/feature/x ${SHA} refs/heads/feature/x ${ZERO}`,
      `HEAD ${SHA} refs/heads/Renamed_On_Push ${SHA}`,
      '',
    ].join('\n');
    expect(pushedBranchNames(stdin)).toEqual(['feature/x', 'Renamed_On_Push']);
  });

  it('ignores deletions, tags and blank input', () => {
    const stdin = [
      `(delete) ${ZERO} refs/heads/Old_Branch ${SHA}`,
      `refs/tags/v1.0.0 ${SHA} refs/tags/v1.0.0 ${ZERO}`,
    ].join('\n');
    expect(pushedBranchNames(stdin)).toEqual([]);
    expect(pushedBranchNames('')).toEqual([]);
  });

  it('lists a branch pushed twice once', () => {
    const line = `refs/heads/main ${SHA} refs/heads/main ${SHA}`;
    expect(pushedBranchNames(`${line}\n${line}\n`)).toEqual(['main']);
  });
});
