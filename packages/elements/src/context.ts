import { createContext } from '@lit/context';
import type { SegmentStore } from '@segkit/core';

/** The store `segkit-provider` provides to every segkit element inside it. */
export const storeContext = createContext<SegmentStore | undefined>(Symbol.for('segkit-store'));
