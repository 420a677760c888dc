#!/usr/bin/env bash
# Regenerates docs/screenshots/ from the real window on the embedded sandbox (headless, no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test -Dtest='ScreenshotsFxTest,WizardWindowTest,NewAssociationWizardFxTest,ConversionWizardFxTest,AccessConsoleFxTest,FleetViewFxTest' -Dsurefire.failIfNoSpecifiedTests=false \
    -Deksid.screenshots="$PWD/docs/screenshots"
ls -1 docs/screenshots
