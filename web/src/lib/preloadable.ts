// A lazily loaded screen that renders at once when its code has already arrived. React.lazy suspends
// on its first render even then, and React holds the reveal of a suspended boundary until 300 ms after
// its fallback appeared: on the public map's first paint that was a third of a second of nothing.
import { createElement, lazy, useState, type ComponentType, type ReactNode } from 'react';

export interface Preloadable<P> {
  (props: P): ReactNode;
  /** Loads the code; a screen mounted after this has resolved renders without suspending. */
  preload: () => Promise<void>;
}

export function preloadable<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const start = () =>
    (loading ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        loading = undefined; // a later mount may try again (the network may be back)
        throw error;
      },
    ));
  const Lazy = lazy(start);
  function Screen(props: P): ReactNode {
    // chosen once per mount: switching from Lazy to the loaded component would remount the screen
    const [component] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return createElement(component, props);
  }
  Screen.preload = () => start().then(() => undefined);
  return Screen;
}
