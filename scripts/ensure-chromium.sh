#!/usr/bin/env bash
# The web UI's browser tests drive Debian's Chromium with playwright-core (no browser download):
# install the `chromium` package when it is missing. CHROMIUM_PATH names another build.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] && exit 0
  echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2
  exit 1
fi
command -v chromium >/dev/null 2>&1 && [ -x /usr/bin/chromium ] && exit 0
echo "== installing Debian's chromium (browser tests of the web UI)"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "chromium is missing and this user cannot install it: apt-get install chromium as root, or set CHROMIUM_PATH" >&2; exit 1; }
  SUDO="sudo -n"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends chromium >/dev/null || { $SUDO apt-get update -qq && $SUDO apt-get install -y --no-install-recommends chromium >/dev/null; }
/usr/bin/chromium --version
