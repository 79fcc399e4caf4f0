import { markdownSection, readWorkspaceFile, settingRows, tableRows } from '@slipway/deploy-engine/testing';
import { ecsProviderFactory } from './factory';

describe('docs/deploy.md', () => {
  it('lists the settings of the ecs provider as its factory does: name, required, meaning', () => {
    const section = markdownSection(readWorkspaceFile('docs/deploy.md'), '### `ecs`');
    expect(tableRows(section)).toEqual(settingRows(ecsProviderFactory.settings));
  });
});
