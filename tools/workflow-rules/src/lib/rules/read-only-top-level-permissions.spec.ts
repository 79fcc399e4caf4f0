import { inline } from '../../test-support/fixtures';
import { readOnlyTopLevelPermissions } from './read-only-top-level-permissions';

const withPermissions = (block: string) => inline(`on: push\n${block}\njobs: {}\n`);

describe('readOnlyTopLevelPermissions', () => {
  it.each(['permissions: {}', 'permissions: read-all', 'permissions:\n  contents: read\n  actions: none'])(
    'accepts %p',
    (block) => {
      expect(readOnlyTopLevelPermissions(withPermissions(block))).toEqual([]);
    },
  );

  it.each([
    ['', /no top-level "permissions"/],
    ['permissions: write-all', /grants write-all/],
    ['permissions:\n  id-token: write', /grants id-token: write: move it to the one job/],
  ])('refuses %p', (block, message) => {
    const findings = readOnlyTopLevelPermissions(withPermissions(block));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(message);
  });

  it('points at the permissions key', () => {
    const [f] = readOnlyTopLevelPermissions(withPermissions('permissions:\n  contents: write'));
    expect([f.line, f.path]).toEqual([2, 'permissions']);
  });
});
