#!/usr/bin/env bash
# Saves the conversion wizard screenshots (preview light/dark, progress) from the real window, driven headless
# against the embedded sandbox, into docs/screenshots/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q test -Dtest='WizardWindowTest' -Dsurefire.failIfNoSpecifiedTests=false \
    -Deksid.screenshots="$root/docs/screenshots"
ls -l "$root"/docs/screenshots/conversion-*.png
