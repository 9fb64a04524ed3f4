import pino from "pino";

/** The app's logger: JSON lines like the request logs of server/app.ts. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "launchroom" },
  timestamp: pino.stdTimeFunctions.isoTime,
});
