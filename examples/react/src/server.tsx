/** Server rendering (Node): the page's markup, before any store exists. */
import { renderToString } from 'react-dom/server';
import { App } from './app.js';
import { PlainApp } from './plain.js';

export function render(plain = false): string {
  return renderToString(plain ? <PlainApp store={undefined} /> : <App store={undefined} />);
}
