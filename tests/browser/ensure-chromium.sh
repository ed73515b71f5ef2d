#!/usr/bin/env bash
# The web UI's browser tests drive Debian's Chromium at /usr/bin/chromium; Playwright never
# downloads a browser. Installs the package when it is missing (CI runs as root on a clean machine).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-chromium: /usr/bin/chromium is missing; install Debian's chromium package (apt-get install chromium)." >&2
    exit 1
fi
echo "ensure-chromium: installing Debian's chromium for the browser tests" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
