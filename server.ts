import "./server/mode";
import type { ServerBuild } from "@remix-run/node";
import { createServer } from "node:http";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createApp, createLogger } from "./server/app";
import type { runtime as appRuntime } from "./app/runtime.server";
import { ConfigError, loadEnv } from "./app/utils/env.server";

type Runtime = typeof appRuntime;

const dev = process.argv.includes("--dev");
// Demo data only when asked for (`npm start`, `npm run dev`): a production start never creates known
// credentials. Set in the environment so the app bundle, which reads its own configuration, agrees.
if (process.argv.includes("--demo")) process.env.DEMO = "1";

async function main() {
  let config;
  try {
    config = loadEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);

  let build: ServerBuild | (() => Promise<ServerBuild>);
  let runtime: Runtime;
  let viteMiddleware;
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    viteMiddleware = viteServer.middlewares;
    build = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
    runtime = ((await build()).entry.module as unknown as { runtime: Runtime }).runtime;
  } else {
    const serverBuild = (await import(pathToFileURL(resolve("build/server/index.js")).href)) as ServerBuild;
    build = serverBuild;
    runtime = (serverBuild.entry.module as unknown as { runtime: Runtime }).runtime;
  }

  const { demo } = await runtime.start(logger, { seed: config.DEMO, relay: true });
  const app = createApp({
    build,
    runtime,
    appUrl: config.APP_URL,
    trustProxy: config.TRUST_PROXY,
    uploadMaxBytes: config.UPLOAD_MAX_BYTES,
    fileMaxBytes: config.FILE_MAX_BYTES,
    logger,
    clientDir: resolve("build/client"),
    viteMiddleware,
  });
  const server = createServer(app);
  server.listen(config.PORT, () => {
    logger.info(
      {
        port: config.PORT,
        url: config.APP_URL,
        mail: config.SMTP_URL ? "smtp" : "local mailbox",
        mode: process.env.NODE_ENV,
      },
      "Launchroom is listening",
    );
    if (demo) {
      process.stdout.write(
        [
          "",
          `  Launchroom is running at ${config.APP_URL}`,
          "  Demo sign-in (password for all staff accounts below):",
          ...demo.staff.map((s) => `    ${s.role.padEnd(6)} ${s.email}`),
          `    password: ${demo.password}`,
          `  Customer users sign in by magic link; without SMTP_URL, read the mail at ${config.APP_URL}/admin/outbox`,
          "",
        ].join("\n") + "\n",
      );
    }
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: no new connections, finishing requests in flight");
    const force = setTimeout(() => {
      logger.error({}, "shutdown timed out; exiting");
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close(async () => {
      await runtime.stop();
      logger.info({}, "stopped");
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Launchroom failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
