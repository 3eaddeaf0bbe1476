// Defines the segkit-* tags before Svelte mounts, so Svelte sets `store` and
// other objects as properties (it checks `key in element`), not as attributes.
import '@segkit/elements';
import type {} from '@segkit/elements/types/svelte';
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
