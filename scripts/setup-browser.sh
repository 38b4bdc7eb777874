#!/bin/sh
# Install Debian's headless-capable Chromium for the `browser` tests (tests/report/test_browser.py).
#
# Idempotent: does nothing when /usr/bin/chromium is already there. Never fails the caller: when apt is
# missing or the install fails (no network, no root) it prints a warning and exits 0, and the browser
# tests skip themselves.
set -u

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "setup-browser: $CHROMIUM already installed ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-browser: WARNING: apt-get not available; browser tests will be skipped" >&2
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo -n"
    else
        echo "setup-browser: WARNING: not root and no sudo; cannot install chromium, browser tests will be skipped" >&2
        exit 0
    fi
fi

export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium; then
    if [ -x "$CHROMIUM" ]; then
        echo "setup-browser: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
        exit 0
    fi
fi
echo "setup-browser: WARNING: chromium install failed; browser tests will be skipped" >&2
exit 0
