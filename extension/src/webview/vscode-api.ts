import type { FromWebview, PanelMemento } from './protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  /** Kept by VS Code with the panel, handed back to the extension when it restores the panel after a reload. */
  setState(state: PanelMemento): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The webview's one channel to the extension (acquireVsCodeApi may be called only once). */
export const host: VsCodeApi = acquireVsCodeApi();
