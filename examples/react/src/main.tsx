import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { createExampleStore } from './store.js';

createRoot(document.getElementById('root')!).render(<App store={createExampleStore()} />);
