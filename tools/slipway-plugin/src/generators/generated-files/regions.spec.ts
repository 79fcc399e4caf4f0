import { readRegion, replaceRegion, wrap } from './regions';

describe('generated regions', () => {
  const doc = ['# Title', '<!-- codes:start: generated -->', 'old', 'lines', '<!-- codes:end -->', 'kept'].join('\n');

  it('replace what is between the markers, keeping the markers and the rest', () => {
    const next = replaceRegion(doc, 'codes', ['new']);
    expect(next).toBe(['# Title', '<!-- codes:start: generated -->', 'new', '<!-- codes:end -->', 'kept'].join('\n'));
    expect(readRegion(next, 'codes')).toEqual(['new']);
    expect(replaceRegion(next, 'codes', ['new'])).toBe(next);
  });

  it('work in any comment syntax', () => {
    const js = ['/**', ' * codes:start', ' * old', ' * codes:end', ' */'].join('\n');
    expect(readRegion(replaceRegion(js, 'codes', [' * new']), 'codes')).toEqual([' * new']);
  });

  it('refuse a file without the region, naming it', () => {
    expect(() => replaceRegion('# Title', 'codes', [])).toThrow('no region codes:start … codes:end');
  });

  it('wrap words at a width, with a prefix for the first line and the others', () => {
    expect(wrap('one two three four', 12, ' * ', ' *   ')).toEqual([' * one two', ' *   three', ' *   four']);
  });
});
