import { describe, expect, it } from "vitest";
import { contrastRatio, darken, passesWhiteText, tint, whiteTextContrast } from "~/utils/contrast";

describe("WCAG contrast", () => {
  it("matches the known extremes and reference values", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#777777")).toBe(1);
    // #767676 is the lightest grey that passes AA on white (4.54:1); #777777 fails (4.48:1).
    expect(whiteTextContrast("#767676")).toBe(4.54);
    expect(whiteTextContrast("#777777")).toBe(4.47);
    expect(passesWhiteText("#767676")).toBe(true);
    expect(passesWhiteText("#777777")).toBe(false);
  });

  it("passes the theme's blue and refuses yellow and white", () => {
    expect(passesWhiteText("#1f5fbf")).toBe(true);
    expect(passesWhiteText("#ffcc00")).toBe(false);
    expect(passesWhiteText("#FFFFFF")).toBe(false);
  });

  it("never rounds a ratio up past the threshold", () => {
    // 4.4999… must not show as 4.50.
    for (const hex of ["#777777", "#787878", "#7a7a7a"]) {
      expect(whiteTextContrast(hex)).toBeLessThan(4.5);
    }
  });

  it("darkens towards black and tints towards white", () => {
    expect(darken("#1f5fbf", 0)).toBe("#1f5fbf");
    expect(darken("#ffffff", 1)).toBe("#000000");
    expect(tint("#000000", 1)).toBe("#ffffff");
    // A darker shade of a passing colour passes by more.
    expect(whiteTextContrast(darken("#1f5fbf", 0.2))).toBeGreaterThan(whiteTextContrast("#1f5fbf"));
  });

  it("rejects anything but #rrggbb", () => {
    expect(() => contrastRatio("red", "#ffffff")).toThrow();
    expect(() => contrastRatio("#fff", "#ffffff")).toThrow();
  });
});
