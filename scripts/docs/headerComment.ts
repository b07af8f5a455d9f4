const HEADER = /^\s*\/\*\*([\s\S]*?)\*\//;

/**
 * The markdown of a source file's header comment (its opening `/** … *\/`) from its first `## `
 * heading on, the heading line left out: the page keeps its own heading, at its own level.
 * Throws naming `file` when there is no header comment or no such heading in it.
 *
 * @example
 * const file = 'packages/core/src/reduction/assembledGradient.ts';
 * headerCommentSection(readFileSync(file, 'utf8'), file); // '`runs/{runId}/iterations/{k}/gradient.npy` …'
 */
export function headerCommentSection(text: string, file: string): string {
  const comment = HEADER.exec(text)?.[1];
  if (comment === undefined) {
    throw new Error(`${file}: no header comment; expected the file to open with a /** … */ block`);
  }
  const lines = comment.split('\n').map((line) => line.replace(/^\s*\* ?/, '').trimEnd());
  const heading = lines.findIndex((line) => line.startsWith('## '));
  if (heading < 0) {
    throw new Error(`${file}: header comment has no '## ' heading; expected the section's prose after one`);
  }
  return lines
    .slice(heading + 1)
    .join('\n')
    .trim();
}
