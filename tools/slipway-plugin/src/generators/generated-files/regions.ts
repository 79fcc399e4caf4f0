/**
 * A generated region of a hand-written file: the lines between a line naming `<name>:start` and one
 * naming `<name>:end`, in whatever comment the file allows (`<!-- exit-codes:start -->`,
 * ` * exit-codes:start`). The marker lines stay; what is between them is replaced.
 */
export function replaceRegion(text: string, name: string, lines: readonly string[]): string {
  const all = text.split('\n');
  const { start, end } = locate(all, name);
  return [...all.slice(0, start + 1), ...lines, ...all.slice(end)].join('\n');
}

export function readRegion(text: string, name: string): string[] {
  const all = text.split('\n');
  const { start, end } = locate(all, name);
  return all.slice(start + 1, end);
}

function locate(lines: readonly string[], name: string): { start: number; end: number } {
  const start = lines.findIndex((line) => line.includes(`${name}:start`));
  const end = lines.findIndex((line, index) => index > start && line.includes(`${name}:end`));
  if (start < 0 || end < 0) throw new Error(`no region ${name}:start … ${name}:end`);
  return { start, end };
}

/** Words wrapped into lines of at most `width` characters, each line starting with `prefix`. */
export function wrap(text: string, width: number, prefix = '', continuation = prefix): string[] {
  const lines: string[] = [];
  let line = prefix;
  for (const word of text.split(' ')) {
    const fresh = line === prefix || line === continuation;
    if (!fresh && line.length + 1 + word.length > width) {
      lines.push(line);
      line = continuation + word;
    } else {
      line = fresh ? line + word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}
