import { analyzeShellTemplates, rewriteShellScript } from './shell-templates';

const rewrite = (script: string) => {
  const { templates, problems } = analyzeShellTemplates(script);
  return { script: rewriteShellScript(script, templates), templates, problems: problems.map((p) => `${p.offset} ${p.code}`) };
};

describe('sh templates become variable references', () => {
  it('a quoted word in code, a bare reference inside double quotes and here-documents', () => {
    expect(rewrite('echo {{ a }} "x {{ b }}" --n={{ c }}-old').script).toBe(
      'echo "${SWITCHYARD_T1}" "x ${SWITCHYARD_T2}" --n="${SWITCHYARD_T3}"-old',
    );
    expect(rewrite('cat <<EOF\nhello {{ a }}\nEOF\necho {{ b }}').script).toBe(
      'cat <<EOF\nhello ${SWITCHYARD_T1}\nEOF\necho "${SWITCHYARD_T2}"',
    );
    expect(rewrite('cat <<-"EOF" | x\n\tsame\n\tEOF\necho {{ b }}')).toMatchObject({
      script: 'cat <<-"EOF" | x\n\tsame\n\tEOF\necho "${SWITCHYARD_T1}"',
      problems: [],
    });
  });

  it('inside $(…), backquotes and ${…}, nested in double quotes', () => {
    expect(rewrite('echo "$(echo "{{ a }}") `echo {{ b }}`" ${X:-{{ c }}}').script).toBe(
      'echo "$(echo "${SWITCHYARD_T1}") `echo "${SWITCHYARD_T2}"`" ${X:-"${SWITCHYARD_T3}"}',
    );
  });

  it('CEL strings with quotes inside a template do not confuse the scanner', () => {
    expect(rewrite(`echo {{ a + "'\\"" }} '{{ b }}'`).problems).toEqual(['22 sh-template-not-expanded']);
  });

  it("refuses templates where bash expands nothing: single quotes, $'…', quoted here-documents", () => {
    expect(rewrite("echo 'hi {{ a }}'").problems).toEqual(['9 sh-template-not-expanded']);
    expect(rewrite("echo $'hi {{ a }}'").problems).toEqual(['10 sh-template-not-expanded']);
    expect(rewrite("psql <<'SQL'\nselect '{{ a }}'\nSQL\n").problems).toEqual(['21 sh-template-not-expanded']);
    expect(rewrite('echo "it\'s {{ a }}"').problems).toEqual([]);
  });

  it('refuses templates in shell code another shell runs', () => {
    for (const script of [
      'eval "x={{ a }}"',
      'sh -c "echo {{ a }}"',
      'sudo /bin/bash -ec "echo {{ a }}"',
      'ssh host rm {{ a }}',
      'bash <<EOF\necho {{ a }}\nEOF',
      'x=$(source {{ a }})',
    ])
      expect([script, rewrite(script).problems]).toEqual([script, [expect.stringMatching(/sh-template-as-code$/)]]);
    expect(rewrite('echo eval {{ a }}; ./ssh.sh {{ b }}; scp {{ c }} h:').problems).toEqual([]);
  });

  it('marks arithmetic: $((…)), ((…)), [[ -eq ]], let, array indexes', () => {
    const numeric = (script: string) => analyzeShellTemplates(script).templates.map((t) => t.numeric);
    expect(numeric('echo $(( {{ a }} + 1 )) {{ b }}')).toEqual([true, false]);
    expect(numeric('if (( {{ a }} > 2 )); then echo {{ b }}; fi')).toEqual([true, false]);
    expect(numeric('[[ {{ a }} -eq 3 ]] && [[ "{{ b }}" == x ]]')).toEqual([true, false]);
    expect(numeric('let n={{ a }}; arr[{{ b }}]=1; echo ${arr[{{ c }}]}')).toEqual([true, true, true]);
    expect(rewrite('echo $(( {{ a }} + 1 ))').script).toBe('echo $(( ${SWITCHYARD_T1} + 1 ))');
  });

  it('leaves templates in comments alone (bash never reads them)', () => {
    expect(rewrite('# uses {{ a }}\necho {{ b }} # and {{ c }}')).toMatchObject({
      script: '# uses {{ a }}\necho "${SWITCHYARD_T1}" # and {{ c }}',
      templates: [{ variable: 'SWITCHYARD_T1' }],
    });
  });
});
