import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { detectImageType } from "~/domain/files/files.server";

const solid = (format: "png" | "jpeg" | "webp" | "gif" | "tiff") =>
  sharp({ create: { width: 4, height: 4, channels: 3, background: "#336699" } })
    .toFormat(format)
    .toBuffer();

describe("detectImageType (by content only)", () => {
  it("recognises PNG, JPEG and WebP", async () => {
    expect(await detectImageType(await solid("png"))).toBe("image/png");
    expect(await detectImageType(await solid("jpeg"))).toBe("image/jpeg");
    expect(await detectImageType(await solid("webp"))).toBe("image/webp");
  });

  it("refuses other image types, even real ones", async () => {
    expect(await detectImageType(await solid("gif"))).toBeNull();
    expect(await detectImageType(await solid("tiff"))).toBeNull();
  });

  it("refuses SVG, HTML, text and nothing", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    expect(await detectImageType(Buffer.from(svg))).toBeNull();
    expect(await detectImageType(Buffer.from(`<?xml version="1.0"?>${svg}`))).toBeNull();
    expect(await detectImageType(Buffer.from("<!doctype html><p>hi"))).toBeNull();
    expect(await detectImageType(Buffer.from("PNG but only in words"))).toBeNull();
    expect(await detectImageType(new Uint8Array(0))).toBeNull();
  });

  it("goes by the leading bytes: an HTML payload after PNG bytes is still a PNG (re-encoding drops it)", async () => {
    const polyglot = Buffer.concat([await solid("png"), Buffer.from("<script>alert(1)</script>")]);
    expect(await detectImageType(polyglot)).toBe("image/png");
  });
});
