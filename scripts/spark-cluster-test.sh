#!/usr/bin/env bash
# Trains on a real Spark standalone cluster on this machine, from the project's own jars (no Spark
# distribution): a master and two workers of one core each, as separate JVMs on 127.0.0.1, then
# spark-submit (org.apache.spark.deploy.SparkSubmit, client mode) of model-spark.jar train with
# --workers 2. Checks that the bundle it wrote passes `model.jar eval`, stops everything (also on
# failure or Ctrl-C) and prints its timings.
#
# Usage: scripts/spark-cluster-test.sh                 a small run on a corpus it writes itself
#        scripts/spark-cluster-test.sh --data F ...    these `train` options instead (--master,
#                                                      --workers and --out are added)
# Builds model.jar and model-spark.jar first when they are missing. .ci/run calls it in CI.
# Environment knobs:
#   SPARK_TEST_WORK          work folder (default: a new temporary one, removed at the end)
#   SPARK_TEST_EXECUTOR_MEM  executor heap (default 1g); workers offer it plus 512m
#   SPARK_TEST_DRIVER_MEM    driver heap (default 1g)
#   SPARK_TEST_TIMEOUT       seconds the training may take (default 900)
set -euo pipefail

T0=$(date +%s)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/model/spark/target/model-spark.jar
SPARK_JARS=$ROOT/model/spark/target/spark-jars
MODEL_JAR=$ROOT/model/train/target/model.jar
EXECUTOR_MEM=${SPARK_TEST_EXECUTOR_MEM:-1g}
DRIVER_MEM=${SPARK_TEST_DRIVER_MEM:-1g}
TIMEOUT=${SPARK_TEST_TIMEOUT:-900}

log() { printf '[spark-cluster-test %4ss] %s\n' "$(($(date +%s) - T0))" "$*"; }
fail() {
  echo "spark-cluster-test: FAIL: $*" >&2
  for f in "$WORK"/logs/*.log; do
    [[ -f $f ]] && { echo "---- last lines of $f ----" >&2; tail -25 "$f" >&2; }
  done
  exit 1
}

if [[ -n ${SPARK_TEST_WORK:-} ]]; then
  WORK=$SPARK_TEST_WORK
  mkdir -p "$WORK"
  KEEP=1
else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/tinyseq-spark-cluster.XXXXXX")
  KEEP=0
fi
PIDS=()
cleanup() {
  local t=$(date +%s)
  # Driver first, then the workers (and with them their executors), then the master.
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill "${PIDS[i]}" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  ((${#PIDS[@]})) && log "stopped ${#PIDS[@]} processes in $(($(date +%s) - t))s"
  [[ $KEEP == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 1. jars and a SPARK_HOME made of them -------------------------------------------------------
if [[ ! -f $JAR || ! -d $SPARK_JARS || ! -f $MODEL_JAR ]]; then
  log "building model.jar and model-spark.jar"
  (cd "$ROOT" && ./mvnw -B -q -pl model/spark -am package -DskipTests) || fail "build failed"
fi
export SPARK_HOME=$WORK/spark-home
mkdir -p "$SPARK_HOME/conf" "$WORK/logs" "$WORK/models"
ln -sfn "$SPARK_JARS" "$SPARK_HOME/jars"
cp "$ROOT/model/spark/conf/logback.xml" "$SPARK_HOME/conf/"
export SPARK_LOCAL_IP=127.0.0.1
# Without it every executor fails with "Cannot find any build directories" and the driver waits
# forever (there is no RELEASE file: Spark takes this for a source tree).
export SPARK_SCALA_VERSION=2.13
CP="$SPARK_HOME/conf:$SPARK_HOME/jars/*"

# wait_for DESCRIPTION SECONDS FILE PATTERN: polls FILE until PATTERN appears.
wait_for() {
  local what=$1 seconds=$2 file=$3 pattern=$4
  local deadline=$(($(date +%s) + seconds))
  until grep -q "$pattern" "$file" 2>/dev/null; do
    (($(date +%s) < deadline)) || fail "timed out after ${seconds}s waiting for $what"
    sleep 0.2
  done
}

# ---- 2. master and two one-core workers ---------------------------------------------------------
T_MASTER=$(date +%s)
# Port 0: free ports chosen by the system (CI may run beside other Spark jobs).
java -Xmx256m -cp "$CP" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port 0 --webui-port 0 >"$WORK/logs/master.log" 2>&1 &
PIDS+=($!)
wait_for "the master" 60 "$WORK/logs/master.log" "I have been elected leader"
MASTER_URL=$(grep -o 'spark://127\.0\.0\.1:[0-9]*' "$WORK/logs/master.log" | head -1)
[[ -n $MASTER_URL ]] || fail "no master URL in master.log"
MASTER_SECONDS=$(($(date +%s) - T_MASTER))
log "master $MASTER_URL up in ${MASTER_SECONDS}s"

worker_mem=$(( ${EXECUTOR_MEM%g} * 1024 + 512 ))m
[[ $EXECUTOR_MEM == *g ]] || worker_mem=2g
T_WORKERS=$(date +%s)
for w in 1 2; do
  java -Xmx256m -cp "$CP" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 1 --memory "$worker_mem" --work-dir "$WORK/worker$w" \
    --webui-port 0 "$MASTER_URL" >"$WORK/logs/worker$w.log" 2>&1 &
  PIDS+=($!)
done
for w in 1 2; do
  wait_for "worker $w" 60 "$WORK/logs/worker$w.log" "Successfully registered with master"
done
WORKER_SECONDS=$(($(date +%s) - T_WORKERS))
log "2 workers of 1 core registered in ${WORKER_SECONDS}s"

# ---- 3. the training run, submitted ----------------------------------------------------------
if (($# == 0)); then
  # Every ordered pair of 8 words, "cat dog" -> "猫和狗": 56 pairs, 11 held out.
  words=(cat dog sun moon tree fish bird rain)
  chinese=(猫 狗 日 月 树 鱼 鸟 雨)
  for a in "${!words[@]}"; do
    for b in "${!words[@]}"; do
      ((a == b)) || printf '%s %s\t%s和%s\n' "${words[a]}" "${words[b]}" "${chinese[a]}" "${chinese[b]}"
    done
  done >"$WORK/tiny.tsv"
  DATA=$WORK/tiny.tsv
  set -- --data "$DATA" --kind translate --tokens word --latent 32 --embedding 8 --batch-size 8 \
    --learning-rate 0.02 --epochs 10 --validation-fraction 0.2 --average-every 2 --quiet
fi
# The data for eval: the value of --data.
DATA=
args=("$@")
for ((i = 0; i < ${#args[@]} - 1; i++)); do
  [[ ${args[i]} == --data ]] && DATA=${args[i + 1]}
done
[[ -n $DATA ]] || fail "give --data"

log "spark-submit model-spark.jar train $*"
T_TRAIN=$(date +%s)
timeout "$TIMEOUT" java -Xmx"$DRIVER_MEM" -Dlogback.configurationFile="$SPARK_HOME/conf/logback.xml" \
  -cp "$CP" org.apache.spark.deploy.SparkSubmit \
  --master "$MASTER_URL" --deploy-mode client --class org.tinyseq.spark.cli.SparkCli \
  --executor-memory "$EXECUTOR_MEM" --total-executor-cores 2 \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --conf spark.ui.enabled=false --conf spark.executorEnv.SPARK_SCALA_VERSION=2.13 \
  "$JAR" train --workers 2 --out "$WORK/models" "$@" \
  >"$WORK/logs/bundle.txt" 2>"$WORK/logs/driver.log" &
PIDS+=($!)
DRIVER=$!
set +e
wait "$DRIVER"
status=$?
set -e
TRAIN_SECONDS=$(($(date +%s) - T_TRAIN))
((status == 0)) || fail "training exited with $status after ${TRAIN_SECONDS}s (124: timed out), see driver.log"
BUNDLE=$(tail -1 "$WORK/logs/bundle.txt")
[[ -d $BUNDLE ]] || fail "no bundle folder printed: '$BUNDLE'"
grep -E "Trainer - epoch" "$WORK/logs/driver.log" | sed 's/^/    /'
log "trained in ${TRAIN_SECONDS}s on 2 executors: $BUNDLE"
grep -q '"spark"' "$BUNDLE/manifest.json" || fail "the manifest does not record Spark"
executors=$(ls -d "$WORK"/worker*/app-*/* 2>/dev/null | wc -l)
((executors >= 2)) || fail "expected an executor on each worker, found $executors"

# ---- 4. the bundle passes model.jar eval ---------------------------------------------------------
T_EVAL=$(date +%s)
java -jar "$MODEL_JAR" eval --model "$BUNDLE" --data "$DATA" >"$WORK/logs/eval.txt" 2>"$WORK/logs/eval.log" ||
  fail "model.jar eval failed on $BUNDLE"
EVAL_SECONDS=$(($(date +%s) - T_EVAL))
sed 's/^/    /' "$WORK/logs/eval.txt" | head -20
log "model.jar eval passed in ${EVAL_SECONDS}s"

# ---- 5. timings ------------------------------------------------------------------------------
log "timings: master ${MASTER_SECONDS}s, workers ${WORKER_SECONDS}s, training ${TRAIN_SECONDS}s," \
  "eval ${EVAL_SECONDS}s, total $(($(date +%s) - T0))s before teardown"
echo "spark-cluster-test: OK"
