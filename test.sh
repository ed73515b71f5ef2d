#!/usr/bin/env bash
# The whole test suite, on a fresh machine with the .NET SDK: restore, build, test.
# Tests that need a server start it themselves on 127.0.0.1 and stop it.
set -euo pipefail
cd "$(dirname "$0")"
tests/browser/ensure-chromium.sh
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
exec dotnet test --solution Hilmo.slnx --configuration Release "$@"
