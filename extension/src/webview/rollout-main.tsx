import { createRoot } from 'react-dom/client';
import '@switchyard/ui/styles.css';
import '@switchyard/ui/themes/vscode.css';
import './panel.css';
import { RolloutApp, type RolloutHost } from './rollout-app';

declare function acquireVsCodeApi(): RolloutHost;

// acquireVsCodeApi may be called only once per webview.
createRoot(document.getElementById('root')!).render(<RolloutApp host={acquireVsCodeApi()} />);
