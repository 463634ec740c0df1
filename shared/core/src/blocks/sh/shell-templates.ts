import { findTemplateSpans, type TemplateSpan } from '../../cel/templates';

/**
 * Where each `{{ }}` of an sh script sits for bash, so that its value reaches the script as data:
 * every template is replaced by a reference to an environment variable (`SWITCHYARD_T1`, …) that
 * holds the rendered value — `"${SWITCHYARD_T1}"` where bash would split words, `${SWITCHYARD_T1}`
 * inside double quotes and here-documents, where it is already one word. Bash never re-reads the
 * value of an expansion as code, so the value cannot run. Where no expansion happens (single
 * quotes, `$'…'`, a here-document with a quoted delimiter) or where bash would run the value as
 * code (`eval`, `sh -c`, `ssh host …`), the template is refused at validation. Where bash
 * evaluates the value as arithmetic (`$((…))`, `((…))`, `[[ … -eq … ]]`, `let`, array indexes),
 * it must be a whole number when the step runs.
 */
export type ShellTemplateContext = 'word' | 'double-quotes' | 'heredoc' | 'arithmetic';

export interface ShellTemplate {
  span: TemplateSpan;
  /** The environment variable holding the value. */
  variable: string;
  context: ShellTemplateContext;
  /** Bash evaluates the value as arithmetic, which can run commands: only a whole number may go there. */
  numeric: boolean;
}

export type ShellTemplateProblemCode = 'sh-template-not-expanded' | 'sh-template-as-code';

export interface ShellTemplateProblem {
  /** Offset of the `{{` in the script. */
  offset: number;
  code: ShellTemplateProblemCode;
  message: string;
  hint: string;
}

export interface ShellTemplates {
  templates: ShellTemplate[];
  problems: ShellTemplateProblem[];
}

export const SHELL_TEMPLATE_PREFIX = 'SWITCHYARD_T';

type Frame =
  | { type: 'code'; end: ')' | '`' | 'eof'; parens: number; cmdStart: number }
  | { type: 'test'; start: number; found: ShellTemplate[]; cmdStart: number }
  | { type: 'param'; braces: number }
  | { type: 'arith'; parens: number; end: '))' | ']' }
  | { type: 'dq' }
  | { type: 'heredoc'; command: string }
  | { type: 'sq' }
  | { type: 'ansi' };

interface Heredoc {
  delimiter: string;
  /** The command the here-document is the input of. */
  command: string;
  quoted: boolean;
  stripTabs: boolean;
}

const NOT_EXPANDED_HINT =
  'bash expands nothing there, so the value could only be pasted in as code. Use double quotes (`"{{ x }}"`) or the param’s variable ' +
  '(`"$SWITCHYARD_PARAM_X"`); to hand a value to awk, jq or psql, pass it as their variable (`awk -v v="{{ x }}"`, `jq --arg v "{{ x }}"`, `psql -v v="{{ x }}"`)';
/** Commands that run in front of another (`sudo`, `env X=1`, `timeout 5`, assignments). */
const WRAPPERS = String.raw`(?:(?:sudo|env|nohup|exec|command|nice|time|xargs|timeout\s+\S+)(?:\s+-\S+)*\s+|\w+=\S*\s+)*`;
/** A command that runs an argument as shell code: `eval`, `source`, `.`, `sh -c`, `ssh host cmd`, `su -c`. */
const AS_CODE = new RegExp(
  String.raw`^\s*${WRAPPERS}(?:\S*/)?(?:eval|source|\.|ssh|(?:ba|da|z|k)?sh\s+(?:-\w+\s+)*-\w*c|su\s(?:.*\s)?-c)(?:\s|$)`,
);
/** A command that reads shell code from its standard input (a here-document fed to it). */
const SHELL_STDIN = new RegExp(String.raw`^\s*${WRAPPERS}(?:\S*/)?(?:(?:ba|da|z|k)?sh|ssh)(?:\s|$)`);
const ARITH_COMMAND = /^\s*(let\s|(declare|local|typeset|readonly|export)\s+-\w*i)/;
const ARITH_TEST = /\s-(eq|ne|lt|le|gt|ge)\s/;
const COMMAND_SEPARATORS = new Set(['\n', ';', '&', '|', '(', '{']);
const COMMAND_KEYWORDS = /(^|\s)(if|then|else|elif|do|while|until|!|time)\s*$/;

/** Finds every template of an sh script and where bash would see it. */
export function analyzeShellTemplates(script: string): ShellTemplates {
  return new ShellScanner(script).run();
}

/** The script bash runs: each template replaced by its variable reference. */
export function rewriteShellScript(script: string, templates: readonly ShellTemplate[]): string {
  let out = '';
  let from = 0;
  for (const t of templates) {
    const reference = t.context === 'word' ? `"\${${t.variable}}"` : `\${${t.variable}}`;
    out += script.slice(from, t.span.start) + reference;
    from = t.span.end;
  }
  return out + script.slice(from);
}

class ShellScanner {
  private readonly spans: Map<number, TemplateSpan>;
  private readonly templates: ShellTemplate[] = [];
  private readonly problems: ShellTemplateProblem[] = [];
  private pending: Heredoc[] = [];

  constructor(private readonly text: string) {
    this.spans = new Map(findTemplateSpans(text).map((s) => [s.start, s]));
  }

  run(): ShellTemplates {
    this.scan(0, this.text.length, [{ type: 'code', end: 'eof', parens: 0, cmdStart: 0 }]);
    this.templates.sort((a, b) => a.span.start - b.span.start);
    this.templates.forEach((t, i) => (t.variable = `${SHELL_TEMPLATE_PREFIX}${i + 1}`));
    return { templates: this.templates, problems: this.problems.sort((a, b) => a.offset - b.offset) };
  }

  /** Scans [from, to) with the given frame stack; returns where it stopped. */
  private scan(from: number, to: number, stack: Frame[]): number {
    const s = this.text;
    let i = from;
    while (i < to && stack.length) {
      const span = this.spans.get(i);
      if (span) {
        this.template(span, stack);
        i = span.end;
        continue;
      }
      const frame = stack[stack.length - 1];
      const c = s[i];
      const next = s[i + 1];
      switch (frame.type) {
        case 'sq':
          if (c === "'") stack.pop();
          i++;
          continue;
        case 'ansi':
          if (c === '\\') i += 2;
          else {
            if (c === "'") stack.pop();
            i++;
          }
          continue;
        case 'dq':
        case 'heredoc':
          if (c === '\\') i += 2;
          else if (c === '"' && frame.type === 'dq') {
            stack.pop();
            i++;
          } else i = this.expansion(i, stack) ?? i + 1;
          continue;
        case 'arith':
          if (frame.end === '))' && c === ')' && frame.parens === 0 && next === ')') {
            stack.pop();
            i += 2;
          } else if (frame.end === ']' && c === ']') {
            stack.pop();
            i++;
          } else if (c === '(') {
            frame.parens++;
            i++;
          } else if (c === ')') {
            frame.parens--;
            i++;
          } else i = this.expansion(i, stack) ?? this.quote(i, stack) ?? i + 1;
          continue;
        default:
          i = this.code(i, stack, frame);
      }
    }
    return i;
  }

  /** One step in code (top level, `$(…)`, backquotes, `${…}`, `[[ … ]]`). */
  private code(i: number, stack: Frame[], frame: Extract<Frame, { type: 'code' | 'test' | 'param' }>): number {
    const s = this.text;
    const c = s[i];
    if (c === '\\') return i + 2;
    if (c === '#' && frame.type !== 'param' && this.wordStart(i)) {
      const end = s.indexOf('\n', i);
      return end < 0 ? s.length : end;
    }
    if (c === '`' && frame.type === 'code' && frame.end === '`') {
      stack.pop();
      return i + 1;
    }
    const opened = this.expansion(i, stack) ?? this.quote(i, stack);
    if (opened !== undefined) return opened;
    if (frame.type === 'param') {
      if (c === '{') frame.braces++;
      if (c === '}' && frame.braces-- === 0) stack.pop();
      return i + 1;
    }
    if (frame.type === 'test' && s.startsWith(']]', i) && /\s/.test(s[i - 1] ?? '')) {
      stack.pop();
      if (ARITH_TEST.test(s.slice(frame.start, i))) for (const t of frame.found) t.numeric = true;
      return i + 2;
    }
    if (frame.type === 'code') {
      if (s.startsWith('((', i) && this.commandPosition(i, frame)) {
        stack.push({ type: 'arith', parens: 0, end: '))' });
        return i + 2;
      }
      if (s.startsWith('[[', i) && /\s/.test(s[i + 2] ?? '') && this.commandPosition(i, frame)) {
        stack.push({ type: 'test', start: i, found: [], cmdStart: frame.cmdStart });
        return i + 2;
      }
      if (c === '(') frame.parens++;
      if (c === ')' && frame.end === ')') {
        if (frame.parens === 0) {
          stack.pop();
          return i + 1;
        }
        frame.parens--;
      }
    }
    if (s.startsWith('<<', i) && !s.startsWith('<<<', i))
      return this.heredocStart(i, 'cmdStart' in frame ? this.text.slice(frame.cmdStart, i) : '');
    if (c === '\n' && this.pending.length) return this.heredocBodies(i + 1);
    if (COMMAND_SEPARATORS.has(c) && 'cmdStart' in frame) frame.cmdStart = i + 1;
    return i + 1;
  }

  /** `$((`, `$[`, `$(`, `${`, a backquote: pushes the frame and returns where its body starts. */
  private expansion(i: number, stack: Frame[]): number | undefined {
    const s = this.text;
    if (s.startsWith('$((', i)) return (stack.push({ type: 'arith', parens: 0, end: '))' }), i + 3);
    if (s.startsWith('$[', i)) return (stack.push({ type: 'arith', parens: 0, end: ']' }), i + 2);
    if (s.startsWith('$(', i)) return (stack.push({ type: 'code', end: ')', parens: 0, cmdStart: i + 2 }), i + 2);
    if (s.startsWith('${', i)) return (stack.push({ type: 'param', braces: 0 }), i + 2);
    if (s[i] === '`') return (stack.push({ type: 'code', end: '`', parens: 0, cmdStart: i + 1 }), i + 1);
    return undefined;
  }

  private quote(i: number, stack: Frame[]): number | undefined {
    const s = this.text;
    if (s.startsWith("$'", i)) return (stack.push({ type: 'ansi' }), i + 2);
    if (s[i] === "'") return (stack.push({ type: 'sq' }), i + 1);
    if (s[i] === '"') return (stack.push({ type: 'dq' }), i + 1);
    return undefined;
  }

  private wordStart(i: number): boolean {
    return i === 0 || /[\s;&|()]/.test(this.text[i - 1]);
  }

  /** Whether a word at `i` is where a command (or `((`, `[[`) may begin. */
  private commandPosition(i: number, frame: { cmdStart: number }): boolean {
    return /^\s*$/.test(this.text.slice(frame.cmdStart, i)) || COMMAND_KEYWORDS.test(this.text.slice(frame.cmdStart, i));
  }

  /** `<<EOF`, `<<-EOF`, `<< 'EOF'`, `<<"EOF"`, `<<\EOF`: the body starts after the current line. */
  private heredocStart(i: number, command: string): number {
    const m = /^<<(-?)[ \t]*((?:[^\s;&|<>()'"\\]|'[^']*'|"[^"]*"|\\.)+)/.exec(this.text.slice(i));
    if (!m) return i + 2;
    const word = m[2];
    this.pending.push({
      delimiter: word.replace(/\\(.)/g, '$1').replace(/['"]/g, ''),
      command,
      quoted: /['"\\]/.test(word),
      stripTabs: m[1] === '-',
    });
    return i + m[0].length;
  }

  /** The bodies of the here-documents opened on the line that ends before `from`. */
  private heredocBodies(from: number): number {
    const s = this.text;
    let i = from;
    for (const doc of this.pending) {
      let end = i;
      for (;;) {
        const lineEnd = s.indexOf('\n', end);
        const line = s.slice(end, lineEnd < 0 ? s.length : lineEnd);
        if ((doc.stripTabs ? line.replace(/^\t+/, '') : line) === doc.delimiter || lineEnd < 0) {
          const bodyEnd = end;
          if (doc.quoted) {
            for (const span of this.spans.values())
              if (span.start >= i && span.start < bodyEnd)
                this.problem(
                  span,
                  'sh-template-not-expanded',
                  'a template in a here-document whose delimiter is quoted',
                  'bash expands nothing in it; unquote the delimiter (`<<EOF`) so the value arrives as a variable',
                );
          } else this.scan(i, bodyEnd, [{ type: 'heredoc', command: doc.command }]);
          i = lineEnd < 0 ? s.length : lineEnd + 1;
          break;
        }
        end = lineEnd + 1;
      }
    }
    this.pending = [];
    return i;
  }

  private template(span: TemplateSpan, stack: Frame[]): void {
    const frame = stack[stack.length - 1];
    if (frame.type === 'sq' || frame.type === 'ansi') {
      this.problem(span, 'sh-template-not-expanded', 'a template inside single quotes', NOT_EXPANDED_HINT);
      return;
    }
    const command = this.enclosingCommand(span.start, stack);
    if (command !== undefined && (AS_CODE.test(command) || (frame.type === 'heredoc' && SHELL_STDIN.test(command)))) {
      this.problem(
        span,
        'sh-template-as-code',
        'a template in shell code that another shell runs (eval, source, sh -c, ssh, su -c, a here-document fed to sh)',
        'the value would run as code: call the command directly with the value as an argument (`./drain.sh "{{ x }}"`)',
      );
      return;
    }
    const context: ShellTemplateContext =
      frame.type === 'arith' ? 'arithmetic' : frame.type === 'dq' ? 'double-quotes' : frame.type === 'heredoc' ? 'heredoc' : 'word';
    const numeric =
      context === 'arithmetic' ||
      (command !== undefined && ARITH_COMMAND.test(command)) ||
      /[A-Za-z0-9_]\[$/.test(this.text.slice(0, span.start));
    const template: ShellTemplate = { span, variable: '', context, numeric };
    this.templates.push(template);
    for (const f of stack) if (f.type === 'test') f.found.push(template);
  }

  /** The text of the simple command around `offset`, from its start (nearest code frame). */
  private enclosingCommand(offset: number, stack: Frame[]): string | undefined {
    for (let k = stack.length - 1; k >= 0; k--) {
      const f = stack[k];
      if (f.type === 'code' || f.type === 'test') return this.text.slice(f.cmdStart, offset);
      if (f.type === 'heredoc') return f.command;
    }
    return undefined;
  }

  private problem(span: TemplateSpan, code: ShellTemplateProblemCode, where: string, hint: string): void {
    this.problems.push({ offset: span.start, code, message: `\`{{ ${span.expr} }}\`: ${where} cannot be passed safely`, hint });
  }
}
