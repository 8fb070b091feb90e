#!/usr/bin/env bash
# Tests of the Python extension, as CI runs them: builds and installs `zhscreen` into a virtual
# environment with `pip install ./bindings/python` (maturin, fetched by pip), then runs pytest
# (corpus against the Rust API, offsets, threads and the GIL, errors, pickling, and the Spark
# example in local mode) and mypy.stubtest. Idempotent; a re-run reuses the venv and reinstalls
# only when the Rust or Python sources changed.
#
#   bash bindings/python/run-tests.sh                 # everything
#   bash bindings/python/run-tests.sh -m 'not spark'  # extra arguments go to pytest
#
# ZHSCREEN_PY_VENV overrides the venv location (default bindings/python/.venv); PYTHON the
# interpreter that creates it (default python3, 3.9 or later).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${ZHSCREEN_PY_VENV:-$here/.venv}"
: "${ZHSCREEN_SHARED:=$(cd "$repo/.." && pwd)/shared}"
export ZHSCREEN_SHARED
py="$venv/bin/python"

say() { printf '[python] %s\n' "$*"; }

# 1. The virtual environment (recreated if missing or broken).
if ! "$py" -c 'import sys, pip; assert sys.version_info >= (3, 9)' >/dev/null 2>&1; then
  say "creating $venv"
  rm -rf "$venv"
  "${PYTHON:-python3}" -m venv "$venv"
  "$py" -m pip install -q --upgrade pip
fi

venv="$(cd "$venv" && pwd)"

# 2. Test tools, when tests/requirements.txt changed since the last install.
reqs="$here/tests/requirements.txt"
req_stamp="$venv/.requirements-installed"
if ! cmp -s "$reqs" "$req_stamp" || ! "$py" -c 'import pytest, mypy.stubtest, pyspark, pandas, pyarrow' >/dev/null 2>&1; then
  say "installing test tools"
  "$py" -m pip install -q -r "$reqs"
  cp "$reqs" "$req_stamp"
fi

# 3. Java 17 or later for Spark's local mode.
if ! java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])'; then
  say "installing Java 17"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

# 4. zhscreen itself, rebuilt when anything it is built from changed.
stamp="$venv/.zhscreen-build"
digest="$(cd "$repo" && find Cargo.toml Cargo.lock crates/zhscreen bindings/python/Cargo.toml \
  bindings/python/pyproject.toml bindings/python/README.md bindings/python/src bindings/python/python \
  -type f ! -name '*.pyc' ! -path '*/tests/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$digest" ] || ! "$py" -c 'import zhscreen' >/dev/null 2>&1; then
  say "building and installing zhscreen (pip install ./bindings/python)"
  (cd "$repo" && "$py" -m pip install -q --force-reinstall --no-deps ./bindings/python)
  echo "$digest" >"$stamp"
fi
"$py" -c 'import zhscreen; print("[python] zhscreen", zhscreen.__version__, "from", zhscreen.__file__)'

# 5. The tests, from a directory where the checkout's package cannot shadow the installed one.
cd "$here/tests"
export PYTHONDONTWRITEBYTECODE=1 SPARK_LOCAL_IP=127.0.0.1
say "mypy.stubtest"
(cd "$venv" && "$py" -m mypy.stubtest zhscreen --mypy-config-file /dev/null)  # its cache stays in the venv
say "pytest"
"$py" -m pytest -p no:cacheprovider -c "$here/pyproject.toml" --rootdir "$here" "$here/tests" "$@"
