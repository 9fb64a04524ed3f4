import type { ReactNode } from "react";

/**
 * A box that scrolls sideways on a phone (a wide table): focusable and named by its heading, so the keyboard
 * can scroll it (WCAG 2.1.1, axe scrollable-region-focusable). `relative` keeps sr-only texts inside it.
 */
export function ScrollRegion({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}
