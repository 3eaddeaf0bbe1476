// Defines the segkit-* tags before Vue mounts, so Vue sets `store` and other
// objects as properties (it checks `key in element`), not as attributes.
import '@segkit/elements';
import type {} from '@segkit/elements/types/vue';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
