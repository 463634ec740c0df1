import { createRoot } from 'react-dom/client';
import '@switchyard/ui/styles.css';
import '@switchyard/ui/themes/vscode.css';
import './panel.css';
import { RolloutApp } from './rollout-app';

createRoot(document.getElementById('root')!).render(<RolloutApp />);
