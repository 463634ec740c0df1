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
});
