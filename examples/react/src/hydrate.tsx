/**
 * ssr.html and ssr-plain.html: markup rendered by `renderToString` in Node
 * (src/server.tsx), hydrated here with the store. `data-hydrated` on <html>
 * marks that React's effects have run (the wrappers set their properties
 * before that, in layout effects).
 */
import type { SegmentStore } from '@segkit/core';
import { useEffect } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { App } from './app.js';
import { PlainApp } from './plain.js';
import { createExampleStore } from './store.js';

const root = document.getElementById('root')!;
const Page = root.dataset.plain === undefined ? App : PlainApp;

function Hydrated({ store }: { store: SegmentStore }) {
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return <Page store={store} />;
}

hydrateRoot(root, <Hydrated store={createExampleStore()} />);
