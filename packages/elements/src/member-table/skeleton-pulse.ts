/**
 * `SkeletonPulseController`: one pulse for every placeholder bar of the
 * table (decision 028, rule 5). A CSS animation starts anew on each bar a
 * render creates, so every jump of a fast scroll restarted the pulse on
 * dozens of new bars (and restyled them). Here each bar joins a single Web
 * Animations timing: the same keyframes and the same `startTime` (0 on the
 * document timeline), so all bars pulse in phase and a new one continues
 * the pulse rather than restarting it. Opacity only. Nothing moves under
 * `prefers-reduced-motion: reduce`.
 *
 * Two rules keep it cheap in a fast scroll:
 * - **A bar pulses only once the rows have rested** (`SETTLE_MS` without a
 *   render that made new bars): rows that load within a few frames never
 *   get an animation at all, and a scroll creates none while it moves.
 * - **A bar that leaves the DOM stops its animation.** An animation keeps
 *   running on the document timeline after its element is removed (it is
 *   not cancelled, and `iterations: Infinity` never ends), so bars dropped
 *   by a scroll piled up: a 100-jump sweep after a fast scroll left
 *   thousands running, and each frame took 140 ms to update them.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const KEYFRAMES: Keyframe[] = [{ opacity: 1 }, { opacity: 0.45 }, { opacity: 1 }];
const TIMING: KeyframeAnimationOptions = { duration: 1200, iterations: Infinity, easing: 'ease-in-out' };
/** Ms without a render that made new bars before the bars still there start pulsing. */
export const SETTLE_MS = 300;

type Host = ReactiveControllerHost & HTMLElement;

export class SkeletonPulseController implements ReactiveController {
  readonly #host: Host;
  readonly #selector: string;
  /** Every bar pulsing now, with its animation (cancelled when the bar leaves). */
  readonly #pulsing = new Map<Element, Animation>();
  #settle: ReturnType<typeof setTimeout> | undefined;
  #reduce: MediaQueryList | undefined;

  constructor(host: Host, selector = '.skeleton') {
    this.#host = host;
    this.#selector = selector;
    host.addController(this);
  }

  /** Bars pulsing now (for tests and the bench). */
  get pulsing(): number {
    return this.#pulsing.size;
  }

  hostUpdated(): void {
    this.#drop((bar) => !bar.isConnected);
    const root = this.#host.shadowRoot;
    if (!root || this.#reduced()) return;
    // Only a render that made a new bar starts (or restarts) the wait: renders of loaded rows leave it running.
    for (const bar of root.querySelectorAll(this.#selector)) {
      if (this.#pulsing.has(bar)) continue;
      clearTimeout(this.#settle);
      this.#settle = setTimeout(() => this.#start(), SETTLE_MS);
      return;
    }
  }

  hostDisconnected(): void {
    clearTimeout(this.#settle);
    this.#drop(() => true);
  }

  #start(): void {
    const root = this.#host.shadowRoot;
    if (!root || !this.#host.isConnected || this.#reduced()) return;
    for (const bar of root.querySelectorAll(this.#selector)) {
      if (this.#pulsing.has(bar) || typeof bar.animate !== 'function') continue;
      const animation = bar.animate(KEYFRAMES, TIMING);
      // Shared: every bar's pulse is at the same point of the same cycle.
      animation.startTime = 0;
      this.#pulsing.set(bar, animation);
    }
  }

  #drop(leaves: (bar: Element) => boolean): void {
    for (const [bar, animation] of this.#pulsing) {
      if (!leaves(bar)) continue;
      animation.cancel();
      this.#pulsing.delete(bar);
    }
  }

  #reduced(): boolean {
    this.#reduce ??= typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : undefined;
    return Boolean(this.#reduce?.matches);
  }
}
