# Sourced by the run.sh of the test tiers that run Jest against a real server (test/cluster,
# test/triton): runs the tier's Jest config from the repository root with JSON results, and
# ends with the one line CI runners read, "tests: N passed, N failed".
#
#   source "$root/test/lib/tier.sh"
#   tier_jest "$here" "$@"; rc=$?
#   echo "<tier> tests: …timings… (exit $rc)"
#   tier_summary

tier_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# tier_jest DIR [jest arguments…]: runs Jest with DIR/jest.config.js from the repository root,
# its --json results kept in $TIER_RESULTS for tier_summary; returns Jest's exit code.
tier_jest() {
  local dir="$1"
  shift
  TIER_RESULTS="$(mktemp -t "$(basename "$dir")-tests-XXXXXX.json")"
  (cd "$tier_root" && node_modules/.bin/jest --config "$dir/jest.config.js" --json --outputFile="$TIER_RESULTS" "$@")
}

# tier_summary: prints "tests: N passed, N failed" from $TIER_RESULTS (suites that could not
# run count as failed; a run that wrote no results as one failure) and removes the file.
tier_summary() {
  node -e 'const r = require(process.argv[1]); console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed`)' "$TIER_RESULTS" 2>/dev/null ||
    echo "tests: 0 passed, 1 failed"
  rm -f "$TIER_RESULTS"
}
