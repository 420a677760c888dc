#!/usr/bin/env bash
# Gives the app image a class-data-sharing archive of the classes a scan loads (the Kubernetes and AWS clients,
# Jackson, picocli), so each launch maps them instead of loading and verifying some 10,000 classes again.
# The archive comes from one training scan of the embedded sandbox, run by the image's own launcher and runtime.
# It is valid only where the image was built: a moved image finds it stale and starts without it, silently.
# Usage: cds-archive.sh <app image folder, e.g. app/target/installer/eksid>
set -euo pipefail
image="$1"
launcher="$image/bin/eksid"
app="$image/lib/app"
cfg="$app/eksid.cfg"
archive="$app/eksid.jsa"
[ -x "$launcher" ] && [ -f "$cfg" ] || { echo "no app image at $image" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill "${sandbox_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
# A state folder of its own: the training run must not read or leave the builder's preferences or snapshots.
export XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
"$launcher" sandbox --dir "$work/sandbox" > "$work/sandbox.log" 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 120); do
    grep -q '^ready ' "$work/sandbox.log" && break
    kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.log" >&2; exit 1; }
    sleep 1
done
grep -q '^ready ' "$work/sandbox.log" || { echo "the sandbox did not start" >&2; exit 1; }

rm -f "$archive"
KUBECONFIG="$work/sandbox/kubeconfig" \
    AWS_CONFIG_FILE="$work/sandbox/aws/config" \
    AWS_SHARED_CREDENTIALS_FILE="$work/sandbox/aws/credentials" \
    JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$archive -Xlog:cds=off -Xlog:cds+dynamic=off" \
    "$launcher" scan --context acme-prod --profile sandbox --output json > "$work/scan.json" 2> "$work/scan.log" \
    || { cat "$work/scan.log" >&2; exit 1; }
[ -s "$archive" ] || { echo "no archive was written" >&2; cat "$work/scan.log" >&2; exit 1; }

# The launcher's options: use the archive, and say nothing when a moved image finds it stale.
if ! grep -q 'SharedArchiveFile' "$cfg"; then
    printf 'java-options=-XX:SharedArchiveFile=$APPDIR/eksid.jsa\njava-options=-Xlog:cds=off\njava-options=-Xlog:cds+dynamic=off\n' >> "$cfg"
fi
echo "class-data-sharing archive: $archive ($(du -h "$archive" | cut -f1))"
