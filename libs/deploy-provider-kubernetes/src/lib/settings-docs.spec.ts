import { markdownSection, readWorkspaceFile, settingRows, tableRows } from '@slipway/deploy-engine/testing';
import { kubernetesProviderFactory } from './factory';

const rows = settingRows(kubernetesProviderFactory.settings);

describe('the docs', () => {
  it('docs/deploy.md lists the kubernetes settings as the factory does: name, required, meaning', () => {
    const section = markdownSection(readWorkspaceFile('docs/deploy.md'), '### `kubernetes`');
    expect(tableRows(section)).toEqual(rows);
  });

  it('docs/kubernetes.md explains the same settings, required as the factory says', () => {
    const section = markdownSection(readWorkspaceFile('docs/kubernetes.md'), '## Configuration');
    const documented = tableRows(section).map(([name, required]) => [name, required]);
    expect(documented).toEqual(rows.map(([name, required]) => [name, required]));
  });
});
