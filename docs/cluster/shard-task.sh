#!/usr/bin/env bash
# One task of a GenMat study spread over a scheduler's job array: draws shard k of K of the sample stream.
# k comes from the scheduler: SLURM_ARRAY_TASK_ID (Slurm job array) or JOB_COMPLETION_INDEX (Kubernetes
# Indexed Job); K, the model and the study folder from the environment. Same seed + same K = the shards of
# one unsharded run (batch b of 4,096 samples goes to shard b mod K).
set -euo pipefail
: "${GENMAT:=genmat}" "${STUDY:?study folder}" "${MODEL:?model file}" "${N:?total samples}" "${K:?number of shards}"
: "${SEED:=42}"
k="${SLURM_ARRAY_TASK_ID:-${JOB_COMPLETION_INDEX:?no SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX}}"
mkdir -p "$STUDY/shards"
# write under a temporary name, rename when complete: a rerun task never leaves a half shard behind
"$GENMAT" sample --model "$MODEL" --n "$N" --seed "$SEED" --shard "$k/$K" --out "$STUDY/shards/.samples-$k.csv.part"
mv "$STUDY/shards/.samples-$k.csv.part" "$STUDY/shards/samples-$k.csv"
