#!/usr/bin/env bash
# The merge step of a sharded GenMat study: filter and metrics over all K shard files, which give exactly
# the result of one unsharded run (the files are read once, batch by batch in the unsharded order).
set -euo pipefail
: "${GENMAT:=genmat}" "${STUDY:?study folder}" "${TRAINING:?training table}" "${K:?number of shards}"
n=$(ls "$STUDY"/shards/samples-*.csv | wc -l)
if [[ "$n" -ne "$K" ]]; then
  echo "merge: $n of $K shards in $STUDY/shards; rerun the missing tasks" >&2
  exit 1
fi
"$GENMAT" filter --in "$STUDY/shards/samples-*.csv" ${PROTOTYPE:+--prototype "$PROTOTYPE"} \
  --out-valid "$STUDY/valid.csv" --out-invalid "$STUDY/rejected.csv"
"$GENMAT" metrics --generated "$STUDY/shards/samples-*.csv" --training "$TRAINING" ${PROTOTYPE:+--prototype "$PROTOTYPE"} \
  --out "$STUDY/metrics.csv" --curve "$STUDY/curve.csv" --tags "$STUDY/tags.csv"
