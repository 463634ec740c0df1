import { parseRunbook } from '../../runbook/parse-runbook';
import { HEAD, oneBlock } from '../common/testing/one-block';
import type { ShBlock } from './sh-block';

describe('sh', () => {
  it('keeps the script and its timeout option; always mutating', () => {
    const { block: sh, codes } = oneBlock('sh timeout=2m', 'echo {{ cluster }}');
    expect(codes).toEqual([]);
    expect(sh as ShBlock).toMatchObject({ script: 'echo {{ cluster }}\n', timeoutSeconds: 120 });
    const { runbook } = parseRunbook('rb.md', `${HEAD}\`\`\`sh\necho hi\n\`\`\`\n`);
    expect(runbook?.steps[0]).toMatchObject({ mutating: true, blocks: [{ kind: 'sh', timeoutSeconds: 300 }] });
  });

  it('refuses templates that bash would not expand or would run as code, at their line and column', () => {
    expect(oneBlock('sh', "echo 'hi {{ cluster }}'").codes).toEqual(['8:10 sh-template-not-expanded']);
    expect(oneBlock('sh', 'echo ok\nsh -c "echo {{ cluster }}"').codes).toEqual(['9:13 sh-template-as-code']);
    expect(oneBlock('sh', 'echo "{{ cluster }}" {{ cluster }} <<EOF\n{{ cluster }}\nEOF').codes).toEqual([]);
  });
});
