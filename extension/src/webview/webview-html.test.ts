import { randomBytes } from 'node:crypto';
import { newNonce, webviewHtml } from './webview-html';

describe('webviewHtml', () => {
  const nonce = newNonce(randomBytes);
  const html = webviewHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce,
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
    styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.css'],
    title: 'prod-app <Switchyard>',
  });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];

  it('allows scripts only with the nonce, and nothing by default', () => {
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'nonce-${nonce}'`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(html).toContain(`<script nonce="${nonce}" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js">`);
  });

  it('loads nothing remote: every source is the extension’s own origin', () => {
    const sources = csp.split(';').flatMap((d) => d.trim().split(/\s+/).slice(1));
    expect(sources.filter((s) => !s.startsWith("'") && s !== 'data:' && s !== 'https://file+.vscode-resource.vscode-cdn.net')).toEqual([]);
    expect(html).toContain('<title>prod-app &lt;Switchyard></title>');
  });

  it('makes a fresh, long nonce each time', () => {
    const other = newNonce(randomBytes);
    expect(other).not.toBe(nonce);
    expect(nonce.length).toBeGreaterThanOrEqual(32);
  });
});
