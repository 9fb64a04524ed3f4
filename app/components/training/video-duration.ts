/**
 * A chosen video's length in whole seconds, read by the browser from the file itself; null when the
 * browser cannot play it or does not tell in time. WebM files recorded by MediaRecorder carry no length
 * (duration is Infinity until the end is known): seeking far past the end makes the browser find it.
 */
export function readVideoDuration(file: Blob, timeoutMs = 5000): Promise<number | null> {
  return new Promise((resolve) => {
    const video = document.createElement("video");
    const url = URL.createObjectURL(file);
    let timer = 0;
    const finish = (seconds: number | null) => {
      window.clearTimeout(timer);
      video.removeAttribute("src");
      video.load();
      URL.revokeObjectURL(url);
      resolve(seconds);
    };
    const known = () => Number.isFinite(video.duration) && video.duration > 0;
    video.preload = "metadata";
    video.muted = true;
    video.addEventListener("loadedmetadata", () => {
      if (known()) finish(Math.round(video.duration));
      else video.currentTime = Number.MAX_SAFE_INTEGER;
    });
    video.addEventListener("durationchange", () => {
      if (known() && video.readyState >= HTMLMediaElement.HAVE_METADATA) finish(Math.round(video.duration));
    });
    video.addEventListener("error", () => finish(null));
    timer = window.setTimeout(() => finish(null), timeoutMs);
    video.src = url;
  });
}
