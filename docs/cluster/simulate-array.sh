#!/usr/bin/env bash
# Runs a sharded study on one machine the way the scheduler would: the array's tasks as a loop (each with
# SLURM_ARRAY_TASK_ID, or JOB_COMPLETION_INDEX with KUBERNETES=1), the merge, and the same study unsharded;
# then compares the merged outputs with the unsharded ones byte for byte.
# Usage: GENMAT=bin/genmat STUDY=/tmp/study MODEL=model.genmat TRAINING=train.csv N=100000 K=4 docs/cluster/simulate-array.sh
set -euo pipefail
: "${STUDY:?}" "${MODEL:?}" "${TRAINING:?}" "${N:?}" "${K:?}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export STUDY MODEL TRAINING N K SEED="${SEED:-42}" PROTOTYPE="${PROTOTYPE:-}" GENMAT="${GENMAT:-genmat}"
rm -rf "$STUDY"
for ((k = 0; k < K; k++)); do
  if [[ "${KUBERNETES:-0}" == 1 ]]; then JOB_COMPLETION_INDEX=$k "$here/shard-task.sh"; else SLURM_ARRAY_TASK_ID=$k "$here/shard-task.sh"; fi
done
"$here/merge.sh"
# the same study unsharded, for the comparison
whole="$STUDY/unsharded"
mkdir -p "$whole"
"$GENMAT" sample --model "$MODEL" --n "$N" --seed "$SEED" --out "$whole/samples.csv"
"$GENMAT" filter --in "$whole/samples.csv" ${PROTOTYPE:+--prototype "$PROTOTYPE"} --out-valid "$whole/valid.csv" --out-invalid "$whole/rejected.csv"
"$GENMAT" metrics --generated "$whole/samples.csv" --training "$TRAINING" ${PROTOTYPE:+--prototype "$PROTOTYPE"} \
  --out "$whole/metrics.csv" --curve "$whole/curve.csv" --tags "$whole/tags.csv"
for f in valid.csv rejected.csv metrics.csv curve.csv tags.csv; do
  cmp "$STUDY/$f" "$whole/$f"
  echo "identical: $f ($(wc -l < "$whole/$f") lines)"
done
