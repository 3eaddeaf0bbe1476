/**
 * `SkeletonPulseController`: one pulse for every placeholder bar of the
 * table. A CSS animation starts anew on each bar a render creates, so every
 * jump of a fast scroll restarted the pulse on dozens of new bars (and
 * restyled them). Here each new bar joins a single Web Animations timing:
 * the same keyframes and the same `startTime` (0 on the document timeline),
 * so all bars pulse in phase and a new one continues the pulse rather than
 * restarting it. Opacity only, so the compositor runs it. Nothing moves
 * under `prefers-reduced-motion: reduce` (decision 028).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const KEYFRAMES: Keyframe[] = [{ opacity: 1 }, { opacity: 0.45 }, { opacity: 1 }];
const TIMING: KeyframeAnimationOptions = { duration: 1200, iterations: Infinity, easing: 'ease-in-out' };

type Host = ReactiveControllerHost & HTMLElement;

export class SkeletonPulseController implements ReactiveController {
  readonly #host: Host;
  readonly #selector: string;
  /** The bars already pulsing (a bar keeps its animation while it stays in the DOM). */
  #pulsing = new WeakSet<Element>();
  #reduce: MediaQueryList | undefined;

  constructor(host: Host, selector = '.skeleton') {
    this.#host = host;
    this.#selector = selector;
    host.addController(this);
  }

  hostUpdated(): void {
    const root = this.#host.shadowRoot;
    if (!root) return;
    this.#reduce ??= typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : undefined;
    if (this.#reduce?.matches) return;
    for (const bar of root.querySelectorAll(this.#selector)) {
      if (this.#pulsing.has(bar) || typeof bar.animate !== 'function') continue;
      this.#pulsing.add(bar);
      const animation = bar.animate(KEYFRAMES, TIMING);
      // Shared: every bar's pulse is at the same point of the same cycle.
      animation.startTime = 0;
    }
  }
}
