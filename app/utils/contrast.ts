/** WCAG 2 contrast, shared by the settings form (live preview) and the server (which decides). */

export const HEX_COLOR = /^#[0-9a-f]{6}$/i;
/** WCAG AA for normal text. */
export const MIN_CONTRAST = 4.5;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  if (!HEX_COLOR.test(hex)) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** The contrast ratio of two #rrggbb colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}

/** The ratio of white text on the colour, rounded down to two decimals (never shown better than it is). */
export function whiteTextContrast(hex: string): number {
  return Math.floor(contrastRatio("#ffffff", hex) * 100) / 100;
}

export function passesWhiteText(hex: string): boolean {
  return contrastRatio("#ffffff", hex) >= MIN_CONTRAST;
}

/** The colour mixed with black (amount 0–1): the hover and text shades of the brand colour. */
export function darken(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (v: number) => Math.round(v * (1 - amount));
  const parts = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(mix);
  return `#${parts.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

/** The colour mixed with white (amount 0–1): the tints used as light backgrounds. */
export function tint(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (v: number) => Math.round(v + (255 - v) * amount);
  const parts = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(mix);
  return `#${parts.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}
