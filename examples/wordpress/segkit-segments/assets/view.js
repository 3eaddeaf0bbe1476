/**
 * The front-end module of the segkit Segments block and shortcode. The
 * loader defines the tags the page shows; `@segkit/store` makes the store
 * over the same chunks the widgets load.
 *
 * Every `segkit-provider` the plugin rendered gets one store per endpoint
 * (so a page with three blocks loads the segments once): the REST adapter
 * with WordPress's REST nonce (cookie authentication reads it from the
 * `X-WP-Nonce` header), an IndexedDB cache and a link to the other tabs,
 * both namespaced by endpoint and user, so two people who share a browser
 * never see each other's cached members.
 */
import '@segkit/loader';
import { createIdbCache, createRestAdapter, createSegmentStore, createTabSync } from '@segkit/store';

/** @type {Map<string, import('@segkit/elements').SegmentStore>} */
const stores = new Map();

function storeFor(endpoint, nonce, user) {
  const namespace = `wordpress:${endpoint}:user-${user}`;
  let store = stores.get(namespace);
  if (!store) {
    store = createSegmentStore({
      adapter: createRestAdapter({ baseUrl: endpoint, headers: { 'X-WP-Nonce': nonce } }),
      cache: createIdbCache({ namespace }),
      tabs: createTabSync({ namespace }),
    });
    stores.set(namespace, store);
  }
  return store;
}

for (const provider of document.querySelectorAll('segkit-provider[data-segkit-endpoint]')) {
  const { segkitEndpoint, segkitNonce = '', segkitUser = '0' } = provider.dataset;
  provider.store = storeFor(segkitEndpoint, segkitNonce, segkitUser);
}
