#!/usr/bin/env bash
# Runs every *.test.ts under src/ and test/ with node:test through tsx.
# Node 20 does not expand globs, and a run that finds no test must fail, so the list is built here.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find src test -name '*.test.ts' -not -path '*/node_modules/*' | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "no test files found" >&2
  exit 1
fi
out=$(mktemp)
set +e
node --import tsx --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$out" "$@" "${files[@]}"
rc=$?
set -e
pass=$(grep -E '^# pass ' "$out" | awk '{print $3}')
fail=$(grep -E '^# fail ' "$out" | awk '{print $3}')
echo "# tests $(grep -E '^# tests ' "$out" | awk '{print $3}')"
echo "# pass ${pass:-0}"
echo "# fail ${fail:-0}"
rm -f "$out"
if [ "${pass:-0}" -eq 0 ]; then
  echo "no test passed: failing the run" >&2
  exit 1
fi
exit $rc
