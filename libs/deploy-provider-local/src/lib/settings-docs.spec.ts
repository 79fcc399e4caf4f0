import { markdownSection, readWorkspaceFile, settingRows, tableRows } from '@slipway/deploy-engine/testing';
import { localProviderFactory } from './factory';

describe('docs/deploy.md', () => {
  it('lists the settings of the local provider as its factory does: name, required, meaning', () => {
    const section = markdownSection(readWorkspaceFile('docs/deploy.md'), '### `local`');
    expect(tableRows(section)).toEqual(settingRows(localProviderFactory.settings));
  });
});
