/** A problem in an aws CLI line; line and column are 1-based and relative to the parsed text. */
export interface AwsCliError {
  offset: number;
  line: number;
  column: number;
  code: string;
  message: string;
  hint?: string;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
