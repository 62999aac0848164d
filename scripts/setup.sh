#!/usr/bin/env bash
# Set up a fresh machine for netgov-kg: system packages (when root with apt), a virtual
# environment in .venv, and the project with every extra. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages used by the tests and plots: a CJK font for Chinese labels, raptor's
# `rapper` (a second Turtle parser), Chromium for the browser tests, Virtuoso for the
# remote-store tests, Apache Jena (with a Java runtime) as a third SHACL engine in the tests.
# Skipped (with a note) where apt is not available.
APT_PACKAGES="fonts-noto-cjk raptor2-utils chromium chromium-driver virtuoso-opensource curl default-jre-headless libapache-jena-java"
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  missing=""
  for p in $APT_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    echo "setup: installing system packages:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
else
  echo "setup: not root or no apt-get; skipping system packages ($APT_PACKAGES)" >&2
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# constraints.txt pins the versions the committed notebook outputs were made with.
.venv/bin/python -m pip install -q -c constraints.txt -e '.[dev]'
echo "setup: done; the project is installed in .venv"
