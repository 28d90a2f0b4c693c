#!/usr/bin/env bash
# CI smoke run of the whole training path, so it cannot rot: simulate six weeks of realistic traffic →
# build the lake → train (tiny grid) → export ONNX + manifest + fixtures → check TypeScript serving
# against XGBoost on those fixtures. Everything goes to a temp dir; the committed model/ is never touched.
# Needs Debian's python3-xgboost, python3-sklearn, python3-onnx, python3-pandas. About 2-3 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d -t model-smoke-XXXXXX)"
trap 'rm -rf "$work"' EXIT
step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }

step "simulate 42 days"
npx tsx scripts/simulate.ts --profile realistic --days 42 --start 2025-01-01 --customers 1500 --terminals 600 \
  --seed 11 --out "$work/inbox" --quiet
step "build the lake"
npx tsx scripts/lake-build.ts --in "$work/inbox" --lake "$work/lake" --profile realistic >"$work/lake.log" 2>&1 \
  || { cat "$work/lake.log"; exit 1; }
tail -n 1 "$work/lake.log"
step "train and export"
# Short windows so six weeks hold a train week, its label-delay gap, a test week and one validation week.
npx tsx scripts/model-train.ts --lake "$work/lake" --profile realistic --out "$work/model" \
  --quick --train-days 7 --warmup-days 7 --alert-budget 20
test -s "$work/model/model.onnx" && test -s "$work/model/manifest.json" && test -s "$work/model/MODEL_CARD.md"
step "parity: ONNX and TreeSHAP vs XGBoost"
FRAUD_MODEL_DIR="$work/model" npx vitest run lib/model/
step "done"
