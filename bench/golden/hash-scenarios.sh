#!/usr/bin/env bash
# Runs every shipped scenario (with --trace) and prints one sha256 per result CSV.
# Used to prove a refactor leaves results byte-identical:
#   npm run build && bash bench/golden/hash-scenarios.sh > /tmp/after.txt
#   diff bench/golden/scenario-hashes.txt /tmp/after.txt
# HASIM_GOLDEN_FAST=1 shortens year-of-faults to 20 replications (the others run as shipped).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
for f in scenarios/*.yaml; do
  name=$(basename "$f" .yaml)
  extra=()
  if [ "$name" = year-of-faults ] && [ "${HASIM_GOLDEN_FAST:-0}" = 1 ]; then extra=(--replications 20); fi
  node dist/src/cli/main.js run "$f" --trace -q --jobs 2 --out "$out/$name" "${extra[@]}" >/dev/null
  for csv in runs summary compare trace; do
    if [ -f "$out/$name/$csv.csv" ]; then
      echo "$name/$csv.csv $(sha256sum < "$out/$name/$csv.csv" | cut -c1-64)"
    fi
  done
done
rm -rf "$out"
