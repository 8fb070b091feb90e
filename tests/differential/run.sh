#!/usr/bin/env bash
# Differential tests of the personal-data detectors against independent implementations
# (python-stdnum, phonenumbers), installed into a virtual environment of their own.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/differential-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check python-stdnum==2.2 phonenumbers==9.0.43
cargo build --release -q -p zhscreen --example scan_jsonl
"$venv/bin/python" tests/differential/pii_oracle.py --no-install
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check cpca==0.5.5
"$venv/bin/python" tests/differential/address_oracle.py --no-install
