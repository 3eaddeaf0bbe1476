/**
 * Glow Collective's ambassador dashboard: the segkit elements on the
 * `@segkit/mock` backend, running in a Worker that an msw service worker forwards to (backend.ts).
 */
import './styles.css';
import './elements.js';
import { html, render } from 'lit';
import { App } from './app.js';
import { startRuntime } from './backend.js';
import { savedFaults, savedSize } from './settings.js';

const root = document.getElementById('app');
if (!root) throw new Error('#app is missing from index.html');

try {
  const size = savedSize();
  const runtime = await startRuntime(size, savedFaults());
  const app = new App(root, runtime, size);
  root.replaceChildren(); // the boot screen
  app.update();
  await runtime.store.ready;
  document.documentElement.dataset.ready = 'true';
} catch (error) {
  console.error(error);
  root.replaceChildren();
  render(
    html`<div class="boot boot-error" role="alert">
      <strong>The demo could not start.</strong>
      <span>${error instanceof Error ? error.message : String(error)}</span>
      <span class="muted">It needs a browser with service workers, on http://localhost or https.</span>
    </div>`,
    root,
  );
}
