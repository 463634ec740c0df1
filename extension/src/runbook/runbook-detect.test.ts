import { shippedRunbook } from '../testing/runbooks';
import { looksLikeRunbook } from './runbook-detect';

describe('looksLikeRunbook', () => {
  it('accepts every shipped runbook', () => {
    for (const name of ['failover.md', 'detect.md', 'promote-global.md', 'blue-green-switchover.md']) {
      expect(looksLikeRunbook(shippedRunbook(name))).toBe(true);
    }
  });

  it('accepts a runbook without front matter that has an executable fence', () => {
    expect(looksLikeRunbook('# Fix it\n\n## Step\n\n```aws\naws rds describe-db-clusters\n```\n')).toBe(true);
  });

  it('leaves ordinary markdown alone: a README with shell and json examples, or other front matter', () => {
    expect(looksLikeRunbook('# Project\n\n```bash\nnpm install\n```\n\n```json\n{}\n```\n')).toBe(false);
    expect(looksLikeRunbook('---\nlayout: post\ndate: 2024-01-01\n---\n# A blog post\n')).toBe(false);
  });
});
