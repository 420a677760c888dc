#!/usr/bin/env bash
# Regenerates docs/screenshots/ from the real window on the embedded sandbox (headless, no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
# The window's screenshots come from a tool (not a test); the wizard, access and fleet tests also write theirs
# when eksid.screenshots names a folder.
mvn -B -q -pl app -Pscreenshots test exec:exec@screenshots \
    -Dtest='WizardWindowTest,NewAssociationWizardFxTest,ConversionWizardFxTest,AccessConsoleFxTest,FleetViewFxTest' -Dsurefire.failIfNoSpecifiedTests=false \
    -Deksid.screenshots="$PWD/docs/screenshots"
ls -1 docs/screenshots
