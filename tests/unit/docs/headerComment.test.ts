import { headerCommentSection } from '../../../scripts/docs/headerComment';

const source = [
  '/**',
  ' * What the module is for.',
  ' *',
  ' * ## The format',
  ' *',
  ' * | key | value |',
  ' * |---|---|',
  ' * | `a` | one |',
  ' *',
  ' * A closing line.',
  ' */',
  "import { z } from 'zod';",
].join('\n');

describe('headerCommentSection', () => {
  it("takes the header comment's markdown after its first '## ' heading", () => {
    expect(headerCommentSection(source, 'format.ts')).toBe(
      ['| key | value |', '|---|---|', '| `a` | one |', '', 'A closing line.'].join('\n'),
    );
  });

  it('refuses a file without a header comment, naming it', () => {
    expect(() => headerCommentSection("import { z } from 'zod';\n/** later */", 'format.ts')).toThrow(
      'format.ts: no header comment; expected the file to open with a /** … */ block',
    );
  });

  it('refuses a header comment without a section heading, naming the file', () => {
    expect(() => headerCommentSection('/**\n * Only an intro.\n */\n', 'format.ts')).toThrow(
      "format.ts: header comment has no '## ' heading; expected the section's prose after one",
    );
  });
});
