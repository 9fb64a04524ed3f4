// Makes tests/fixtures/media/sample-6s.webm: a 6-second 160x90 VP8 WebM recorded from a canvas in Chromium
// (this machine has no ffmpeg). Run: node scripts/make-sample-video.mjs tests/fixtures/media/sample-6s.webm
/* global document, MediaRecorder, performance, requestAnimationFrame, cancelAnimationFrame, setTimeout, Blob, btoa, process, Buffer -- the page part runs in Chromium, the rest in Node */
import { chromium } from "@playwright/test";
import { writeFileSync } from "node:fs";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const page = await browser.newPage();
const b64 = await page.evaluate(async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 160;
  canvas.height = 90;
  document.body.append(canvas);
  const ctx = canvas.getContext("2d");
  const stream = canvas.captureStream(10);
  const rec = new MediaRecorder(stream, { mimeType: "video/webm;codecs=vp8", videoBitsPerSecond: 60000 });
  const chunks = [];
  rec.ondataavailable = (e) => chunks.push(e.data);
  const start = performance.now();
  let raf;
  const draw = () => {
    const t = (performance.now() - start) / 1000;
    ctx.fillStyle = "#1e3a8a";
    ctx.fillRect(0, 0, 160, 90);
    ctx.fillStyle = "#fff";
    ctx.font = "20px sans-serif";
    ctx.fillText(`${t.toFixed(1)} s`, 50, 52);
    ctx.fillRect(0, 80, (t / 6) * 160, 10);
    raf = requestAnimationFrame(draw);
  };
  draw();
  rec.start();
  await new Promise((r) => setTimeout(r, 6000));
  rec.stop();
  await new Promise((r) => (rec.onstop = r));
  cancelAnimationFrame(raf);
  const blob = new Blob(chunks, { type: "video/webm" });
  const buf = new Uint8Array(await blob.arrayBuffer());
  let s = "";
  for (const c of buf) s += String.fromCharCode(c);
  return btoa(s);
});
writeFileSync(process.argv[2], Buffer.from(b64, "base64"));
await browser.close();
