import { inline } from '../../test-support/fixtures';
import { noDangerousTriggers } from './no-dangerous-triggers';

describe('noDangerousTriggers', () => {
  it.each(['on: pull_request_target', 'on: [push, workflow_run]', 'on:\n  pull_request_target:\n    types: [opened]'])(
    'refuses %p',
    (on) => {
      expect(noDangerousTriggers(inline(`${on}\njobs: {}\n`))).toHaveLength(1);
    },
  );

  it.each(['on: pull_request', 'on: [push, workflow_dispatch]'])('accepts %p', (on) => {
    expect(noDangerousTriggers(inline(`${on}\njobs: {}\n`))).toEqual([]);
  });
});
