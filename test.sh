#!/usr/bin/env bash
# The whole test suite, on a fresh machine with the .NET SDK: restore, build, test.
# Tests that need a server start it themselves on 127.0.0.1 and stop it: the PostgreSQL tests
# start a throw-away cluster with initdb and pg_ctl, unless HILMO_TEST_POSTGRES names a server.
set -euo pipefail
cd "$(dirname "$0")"

have_postgres_binaries() {
    command -v initdb >/dev/null && command -v pg_ctl >/dev/null && return 0
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

if [ -z "${HILMO_TEST_POSTGRES:-}" ] && ! have_postgres_binaries; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "test.sh: installing PostgreSQL's server programs (Debian package postgresql) for the storage tests" >&2
        # The tests make their own clusters; Debian's default one would only hold a port.
        mkdir -p /etc/postgresql-common/createcluster.d
        echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/hilmo-tests.conf
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
        echo "test.sh: the PostgreSQL tests need initdb and pg_ctl (Debian: sudo apt-get install postgresql)," >&2
        echo "         or HILMO_TEST_POSTGRES set to the connection string of a server to test against." >&2
        exit 1
    fi
fi

tests/browser/ensure-chromium.sh
# The third-party readers the output tests check JSON-stat and PX files with.
tests/oracles/ensure-oracles.sh
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# One test project per core: the browser, fault and load tests time what they wait for, and six
# projects at once on a two-core machine starve a page load past its timeout.
exec dotnet test --solution Hilmo.slnx --configuration Release --max-parallel-test-modules "$(nproc)" "$@"
