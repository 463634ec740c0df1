/** The panel's HTML shell: a strict CSP with a per-load nonce; scripts and styles only from the extension. */
export interface WebviewHtmlInput {
  /** `webview.cspSource`: the origin the extension's own files are served from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUris: string[];
  title: string;
}

export function webviewHtml(input: WebviewHtmlInput): string {
  const csp = [
    "default-src 'none'",
    `img-src ${input.cspSource} data:`,
    `style-src ${input.cspSource} 'nonce-${input.nonce}'`,
    `font-src ${input.cspSource}`,
    `script-src 'nonce-${input.nonce}'`,
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  const styles = input.styleUris.map((uri) => `<link rel="stylesheet" nonce="${input.nonce}" href="${escapeAttr(uri)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeText(input.title)}</title>
  </head>
  <body>
    <div id="root"></div>
    <script nonce="${input.nonce}" src="${escapeAttr(input.scriptUri)}"></script>
  </body>
</html>`;
}

/** 32 random base64 characters per load (crypto-strong): the only scripts that run carry it. */
export function newNonce(random: (size: number) => Buffer): string {
  return random(24).toString('base64');
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
