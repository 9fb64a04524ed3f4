#!/usr/bin/env bash
# The whole test suite, as the README and CI run it: static checks, build, vitest, Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "› Installing Debian's chromium for the end-to-end tests"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

if [ ! -x /usr/sbin/nginx ]; then
  echo "› Installing Debian's nginx for the reverse-proxy tests"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends nginx >/dev/null
fi

echo "› Type check";        npx tsc --noEmit
echo "› Lint";              npx eslint . --max-warnings 0
echo "› Format";            npx prettier --check . --log-level warn
echo "› Migrations match the schema"; npx drizzle-kit check >/dev/null
echo "› Build";             npx remix vite:build >/dev/null
echo "› Unit and integration tests"; npx vitest run
echo "› End-to-end tests";  npx playwright test
