#!/usr/bin/env bash
# Submits a sharded GenMat study to Slurm: a job array of K sample shards, then one merge job that starts
# when every array task succeeded. Usage (from a login node, genmat installed on the cluster's shared disk):
#   STUDY=/scratch/$USER/study MODEL=model.genmat TRAINING=train.csv N=25000000 K=50 PROTOTYPE=elpasolite \
#     docs/cluster/slurm-study.sh
set -euo pipefail
: "${STUDY:?}" "${MODEL:?}" "${TRAINING:?}" "${N:?}" "${K:?}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export STUDY MODEL TRAINING N K SEED="${SEED:-42}" PROTOTYPE="${PROTOTYPE:-}" GENMAT="${GENMAT:-genmat}"
array=$(sbatch --parsable --job-name=genmat-sample --array=0-$((K - 1)) --cpus-per-task=2 --mem=4G \
  --time=01:00:00 --export=ALL "$here/shard-task.sh")
sbatch --job-name=genmat-merge --dependency=afterok:"$array" --cpus-per-task=2 --mem=8G --time=01:00:00 \
  --export=ALL "$here/merge.sh"
