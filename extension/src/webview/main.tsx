import { createRoot } from 'react-dom/client';
import '@switchyard/ui/styles.css';
import '@switchyard/ui/themes/vscode.css';
import './panel.css';
import { PanelApp } from './panel-app';

createRoot(document.getElementById('root')!).render(<PanelApp />);
