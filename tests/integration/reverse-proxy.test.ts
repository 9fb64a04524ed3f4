import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { startTestApp, waitUntilHealthy, type TestApp } from "../helpers/app-server";
import { createTestDatabase, type TestDatabase } from "../helpers/fixtures";

// The app behind a real nginx with its default proxy headers (Host becomes the upstream's address) and
// X-Forwarded-For, as the README's Operations section describes. scripts/test.sh installs nginx.

const NGINX = "/usr/sbin/nginx";

let tdb: TestDatabase;
let app: TestApp;
let nginx: ChildProcess;
let dir = "";
let proxyUrl = "";
let nginxLog = "";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

beforeAll(async () => {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: run scripts/test.sh, which installs nginx`);
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  const proxyPort = await freePort();
  proxyUrl = `http://127.0.0.1:${proxyPort}`;
  // Only nginx's own address may tell the client's: the clients below connect from other loopback addresses.
  app = await startTestApp({ databasePath: tdb.path, appUrl: proxyUrl, trustProxy: "127.0.0.1" });
  dir = mkdtempSync(join(tmpdir(), "launchroom-nginx-"));
  writeFileSync(
    join(dir, "nginx.conf"),
    `
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
worker_processes 1;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${proxyPort};
    location / {
      proxy_pass ${app.url};
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`,
  );
  nginx = spawn(
    NGINX,
    ["-p", dir, "-e", join(dir, "error.log"), "-c", join(dir, "nginx.conf"), "-g", "daemon off;"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  nginx.stderr!.on("data", (chunk: Buffer) => (nginxLog += chunk.toString()));
  await waitUntilHealthy(proxyUrl, 10_000, "nginx", () => nginxLog);
}, 30_000);

afterAll(async () => {
  nginx?.kill("SIGTERM");
  await app?.close();
  tdb?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A sign-in link request through nginx, sent from the given local address as a browser would. */
function requestLink(localAddress: string, email: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = new URLSearchParams({ intent: "link", email }).toString();
    const req = httpRequest(
      new URL("/sign-in", proxyUrl),
      {
        method: "POST",
        localAddress,
        agent: false,
        headers: {
          Origin: proxyUrl,
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
          // Chosen by the client: nginx appends the real address, and only that one counts.
          "X-Forwarded-For": "198.51.100.7",
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("behind nginx", () => {
  it("serves forms although nginx rewrites the Host header", async () => {
    const page = await fetch(`${proxyUrl}/sign-in`);
    expect(page.status).toBe(200);
    const response = await requestLink("127.0.0.4", "someone@example.com");
    expect(response.status).toBe(200);
  });

  it("still refuses a cross-origin POST", async () => {
    const response = await fetch(`${proxyUrl}/sign-out`, {
      method: "POST",
      headers: { Origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
  });

  it("rate-limits each client by its own address, not nginx's or a forged one", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await requestLink("127.0.0.2", `a${i}@example.com`)).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another client, behind the same proxy and with the same forged header, is not affected.
    expect((await requestLink("127.0.0.3", "b@example.com")).status).toBe(200);
  }, 30_000);
});
