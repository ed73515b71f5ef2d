#!/usr/bin/env bash
# The third-party readers the output tests run Hilmo's files through (tests/oracles/README in
# the main README's test section): jsonstat-toolkit and the OpenAPI linter @redocly/cli from
# npm, the PX reader pyaxis, kept in vendor/ (copied from the workplace's ../shared/vendor), on
# Debian's python3-pandas; and R's surveillance package (Debian's r-cran-surveillance) for the
# signal detection methods. Installs
# what is missing, into this folder (git-ignored) and from Debian's packages when run as root;
# quick when everything is there.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
/usr/bin/python3 -c "import pandas, requests" 2>/dev/null || missing+=(python3-pandas python3-requests)
# R's surveillance package, the reference the signal detection methods are compared with
# (surveillance/run.R); a large install, once.
command -v Rscript >/dev/null && Rscript -e 'suppressPackageStartupMessages(library(surveillance))' >/dev/null 2>&1 \
    || missing+=(r-cran-surveillance)
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        echo "ensure-oracles: missing ${missing[*]} (Debian: sudo apt-get install ${missing[*]})" >&2
        exit 1
    fi
    echo "ensure-oracles: installing Debian's ${missing[*]} for the output tests' third-party readers" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# package-lock.json fixes the version; npm ci is skipped when that version is already there.
if ! cmp -s package-lock.json node_modules/.installed-from-lock 2>/dev/null; then
    npm ci --no-audit --no-fund --silent
    cp package-lock.json node_modules/.installed-from-lock
fi

# The official JSON-stat 2.0 schema, copied here so the tests look in one folder only.
if ! [ -f jsonstat-schema/dataset.json ]; then
    rm -rf jsonstat-schema.tmp && cp -r vendor/jsonstat-schema jsonstat-schema.tmp
    chmod -R u+w jsonstat-schema.tmp
    mv jsonstat-schema.tmp jsonstat-schema
fi

# pyaxis is unpacked, not pip-installed: PyPI is out of reach and the PX tests only need it on
# PYTHONPATH (with --no-deps pip would do the same, less plainly).
if ! [ -f pyaxis/pyaxis/pyaxis.py ]; then
    rm -rf pyaxis.tmp && mkdir pyaxis.tmp
    tar -xzf vendor/pyaxis-0.4.3.tar.gz -C pyaxis.tmp --strip-components=1
    mv pyaxis.tmp pyaxis
fi
