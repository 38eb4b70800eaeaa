/** A tab hidden before its first frame gets no animation frames; timers still run there, slowly. */
export const HIDDEN_FALLBACK_MS = 1_000;

/**
 * Resolves once the browser has painted the current frame: at once in a hidden tab (which paints
 * nothing), and after HIDDEN_FALLBACK_MS at the latest, so that a tab put in the background before
 * its first frame still starts (and syncs).
 */
export function afterNextPaint(): Promise<void> {
  if (typeof document === 'undefined' || document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, HIDDEN_FALLBACK_MS);
  });
}
