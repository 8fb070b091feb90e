#!/usr/bin/env bash
# Tests of the `zhscreen` command: installs what they need beyond cargo (Chromium and a CJK font,
# for the screenshot of the HTML review sheet), then runs them. Idempotent; installs only what is
# missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if ! { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family | grep -q .; }; then
    need+=(fonts-wqy-zenhei)
fi
if ((${#need[@]})); then
    echo "run-tests.sh: installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# With Chromium installed, a missing browser must fail the screenshot test, not skip it.
export ZHSCREEN_REQUIRE_CHROMIUM=1
cargo test -p zhscreen-cli
