import fs from 'node:fs';
import os from 'node:os';

const SECTION = '## Graph adapter';

/**
 * Writes one run's table into the "Graph adapter" section of the benchmarks file, as `### <label>` (replacing an
 * earlier run with the same label). Other sections of the file are left as they are.
 */
export function recordSection(file: string, label: string, table: string): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const when = `Recorded ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} CPUs, Node ${process.version}.`;
  const block = `### ${label}\n\n${when}\n\n${table}\n`;
  const start = text.indexOf(`\n${SECTION}\n`);
  if (start === -1) {
    fs.writeFileSync(file, `${text.replace(/\n*$/, '\n')}\n${SECTION}\n\n${block}`);
    return;
  }
  const bodyStart = start + SECTION.length + 2;
  const next = text.indexOf('\n## ', bodyStart);
  const end = next === -1 ? text.length : next + 1;
  let body = text.slice(bodyStart, end);
  const heading = `### ${label}\n`;
  const at = body.indexOf(heading);
  if (at !== -1) {
    const after = body.indexOf('\n### ', at + heading.length);
    body = body.slice(0, at) + block + (after === -1 ? '' : body.slice(after + 1));
  } else {
    body = `${body.replace(/\n*$/, '\n')}\n${block}`;
  }
  fs.writeFileSync(
    file,
    text.slice(0, bodyStart) + body.replace(/\n*$/, '\n') + (next === -1 ? '' : '\n') + text.slice(end),
  );
}
