#!/usr/bin/env bash
# End-to-end test of the review desk's page in headless Chromium (Debian's chromium and
# chromium-driver, driven by Selenium): sign-in, a draft pasted and one uploaded as .docx,
# escaping, the three stages with a refused 终审 and a return, a new version, the sheet, the
# audit chain recomputed as docs/desk.md shows. Installs what it needs; screenshots go to
# $E2E_OUT (default target/e2e-desk), never into the repository. Loopback traffic only.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
out="${E2E_OUT:-$repo/target/e2e-desk}"
rm -rf "$out" && mkdir -p "$out"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
if ! { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family | grep -q .; }; then
    need+=(fonts-wqy-zenhei)
fi
if ((${#need[@]})); then
    echo "e2e: installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

venv="$repo/target/e2e-venv"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c "import selenium" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "selenium==4.27.1"
fi

cd "$repo"
cargo build -q -p zhscreen-cli
zhscreen="$repo/target/debug/zhscreen"
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then kill -9 "$server_pid"; fi
    rm -rf "$work"
}
trap cleanup EXIT

db="$work/review.db"
editor=$("$zhscreen" users add --db "$db" --name 张编辑 --role editor 2>/dev/null)
secrecy=$("$zhscreen" users add --db "$db" --name 李保密 --role secrecy 2>/dev/null)
head=$("$zhscreen" users add --db "$db" --name 王主任 --role head 2>/dev/null)

"$zhscreen" serve --listen 127.0.0.1:0 --db "$db" 2>"$work/serve.log" &
server_pid=$!
base=""
for _ in $(seq 1 100); do
    base=$(sed -n 's/.*listening on \(http:\/\/[0-9.:]*\).*/\1/p' "$work/serve.log")
    [[ -n "$base" ]] && break
    sleep 0.1
done
[[ -n "$base" ]] || { cat "$work/serve.log"; echo "e2e: the server did not start"; exit 1; }
echo "e2e: desk at $base"

"$venv/bin/python" "$here/e2e.py" --base "$base" --out "$out" --work "$work" \
    --editor "$editor" --secrecy "$secrecy" --head "$head" --db "$db"

kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=""
[[ $status -eq 0 ]] || { echo "e2e: the server exited $status after SIGTERM"; exit 1; }
"$zhscreen" audit verify --db "$db"
echo "e2e: screenshots in $out"
