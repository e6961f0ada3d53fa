#!/usr/bin/env bash
# Builds the project's Dockerfile for real with rootful podman and Debian base images made locally
# (no Docker engine or registry needed), runs the image in console mode with /models mounted from
# the host and HEALTH_PORT set, checks /health, /metrics and answers typed into the console,
# publishes a new translate bundle into the mounted folder and waits until the running bot serves
# it, sends a burst of requests (none may fail; the resident size must stay under 350 MB), then
# stops the container and checks that it shut down gracefully.
#
# Usage (as root): scripts/container-test.sh          .ci/run calls it when CI is set.
# Idempotent: tools are installed only if missing; base images are cached as tars under $CACHE_DIR,
# so a second run skips debootstrap. Exits non-zero with a "container-test: FAIL: ..." line on any
# failure. Environment knobs:
#   CONTAINER_TEST_CACHE  cache directory (default /var/tmp/tinyseq-container-test)
#   CONTAINER_TEST_PORT   host port published on 127.0.0.1 for the health endpoint (default 18080)
#   CONTAINER_TEST_KEEP=1 leave the container and image behind for inspection
#   CONTAINER_TEST_LOAD   requests in the burst (default 500)
#   CONTAINER_TEST_MODELS a folder with translate/, translate-zh-en/ and chat/ bundles to copy into /models before the
#                         run (default: none; the bot starts on the embedded default models)
set -euo pipefail

T0=$(date +%s)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE_DIR=${CONTAINER_TEST_CACHE:-/var/tmp/tinyseq-container-test}
HOST_PORT=${CONTAINER_TEST_PORT:-18080}
IMAGE=localhost/tinyseq-bot:container-test
NAME=tinyseq-bot-container-test
BASE_DEBIAN=localhost/tinyseq-base/debian:bookworm-minbase
BASE_JRE=localhost/tinyseq-base/jre:17
BASE_MAVEN=localhost/tinyseq-base/maven:jdk17
APP_UID=10001
RUN_DIR="$CACHE_DIR/run"
MODELS="$RUN_DIR/models"

log() { printf '[container-test %4ss] %s\n' "$(($(date +%s) - T0))" "$*"; }
fail() {
  echo "container-test: FAIL: $*" >&2
  if podman container exists "$NAME" 2>/dev/null; then
    echo "---- last container logs ----" >&2
    podman logs --tail 60 "$NAME" >&2 || true
  fi
  exit 1
}
cleanup() {
  if [[ "${CONTAINER_TEST_KEEP:-0}" != 1 ]] && command -v podman >/dev/null; then
    podman rm -f -t 2 "$NAME" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

[[ $(id -u) -eq 0 ]] || fail "run as root (rootful podman, apt-get, debootstrap)"
mkdir -p "$CACHE_DIR"

# ---- 1. tools ------------------------------------------------------------------------------
missing=()
for tool in podman runc debootstrap curl; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || fail "apt-get update failed"
  apt-get install -y -qq podman runc debootstrap curl >/dev/null || fail "apt-get install failed"
fi

# ---- 2. engine settings (see ../shared/notes/containers.md: crun cannot run here) ----------------
HARD_NOFILE=$(ulimit -Hn)
cat >"$CACHE_DIR/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=${HARD_NOFILE}:${HARD_NOFILE}", "nproc=4096:4096"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
export CONTAINERS_CONF="$CACHE_DIR/containers.conf"

# ---- 3. base images, made from Debian packages, cached as tars ---------------------------------
debian_mirror() {
  local m
  m=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [[ -n "$m" ]] || m=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  echo "${m:-http://deb.debian.org/debian}"
}

# ensure_image IMAGE TAR BUILDER: image present, else loaded from TAR, else built by BUILDER and saved.
ensure_image() {
  local image=$1 tar=$2 builder=$3
  if podman image exists "$image"; then return 0; fi
  if [[ -s "$tar" ]]; then
    log "loading $image from $tar"
    podman load -q -i "$tar" >/dev/null || fail "podman load $tar"
    podman image exists "$image" && return 0
  fi
  "$builder"
  podman image exists "$image" || fail "$image was not built"
  podman save -q -o "$tar.tmp" "$image" && mv "$tar.tmp" "$tar" || fail "podman save $image"
}

build_debian() {
  local rootfs="$CACHE_DIR/rootfs.tmp"
  log "debootstrap bookworm minbase from $(debian_mirror) (about a minute)"
  rm -rf "$rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" "$(debian_mirror)" >"$CACHE_DIR/debootstrap.log" 2>&1 ||
    fail "debootstrap failed, see $CACHE_DIR/debootstrap.log"
  # The downloaded .debs and package lists are 80 MB the images do not need (they run apt-get update).
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar --numeric-owner -C "$rootfs" -c . | podman import -q - "$BASE_DEBIAN" >/dev/null ||
    fail "podman import of the Debian rootfs"
  rm -rf "$rootfs"
}

# The JDK packages' post-install scripts need /usr/share/man/man1.
build_jre() {
  log "building $BASE_JRE"
  podman build -q --pull=never --format docker -t "$BASE_JRE" -f - "$CACHE_DIR" >/dev/null <<EOF ||
FROM $BASE_DEBIAN
RUN mkdir -p /usr/share/man/man1 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
EOF
    fail "building $BASE_JRE"
}

build_maven() {
  log "building $BASE_MAVEN"
  podman build -q --pull=never --format docker -t "$BASE_MAVEN" -f - "$CACHE_DIR" >/dev/null <<EOF ||
FROM $BASE_DEBIAN
RUN mkdir -p /usr/share/man/man1 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
EOF
    fail "building $BASE_MAVEN"
}

# The Debian image is only needed to build the two others: skip it when both are cached.
if ! { podman image exists "$BASE_JRE" || [[ -s "$CACHE_DIR/jre17.tar" ]]; } ||
  ! { podman image exists "$BASE_MAVEN" || [[ -s "$CACHE_DIR/maven-jdk17.tar" ]]; }; then
  ensure_image "$BASE_DEBIAN" "$CACHE_DIR/debian-bookworm-minbase.tar" build_debian
fi
ensure_image "$BASE_JRE" "$CACHE_DIR/jre17.tar" build_jre
ensure_image "$BASE_MAVEN" "$CACHE_DIR/maven-jdk17.tar" build_maven

# ---- 4. the project's image ---------------------------------------------------------------------
# The host's Java truststore knows the HTTPS proxy's authority: mounted read-only for the build,
# never baked in. The host's Maven repository is mounted as the build's, so nothing is downloaded
# twice.
M2="${HOME:-/root}/.m2"
mkdir -p "$M2"
build_volumes=(-v "$M2:/root/.m2")
[[ -f /etc/ssl/certs/java/cacerts ]] &&
  build_volumes+=(-v /etc/ssl/certs/java/cacerts:/etc/ssl/certs/java/cacerts:ro)
log "podman build $IMAGE"
T_BUILD=$(date +%s)
podman build --pull=never --format docker \
  --build-arg BUILD_BASE="$BASE_MAVEN" --build-arg RUNTIME_BASE="$BASE_JRE" \
  "${build_volumes[@]}" -t "$IMAGE" "$ROOT" >"$CACHE_DIR/build.log" 2>&1 ||
  { tail -40 "$CACHE_DIR/build.log" >&2; fail "podman build failed, see $CACHE_DIR/build.log"; }
BUILD_SECONDS=$(($(date +%s) - T_BUILD))
IMAGE_BYTES=$(podman image inspect --format '{{.Size}}' "$IMAGE")
log "image built in ${BUILD_SECONDS}s, $((IMAGE_BYTES / 1000000)) MB"
[[ $(podman image inspect --format '{{.Config.User}}' "$IMAGE") == tinyseq* ]] ||
  fail "the image does not run as the non-root user"
grep -q HealthCheck <<<"$(podman image inspect --format '{{json .Config.Healthcheck}}' "$IMAGE")" ||
  fail "the image has no HEALTHCHECK (built without --format docker?)"

# ---- 5. run it: console mode (no token), /models from the host, health port published ----------
podman rm -f -t 2 "$NAME" >/dev/null 2>&1 || true
rm -rf "$RUN_DIR"
mkdir -p "$MODELS/translate" "$MODELS/translate-zh-en" "$MODELS/chat"
if [[ -n "${CONTAINER_TEST_MODELS:-}" ]]; then
  cp -r "$CONTAINER_TEST_MODELS"/. "$MODELS"/ || fail "cannot copy $CONTAINER_TEST_MODELS"
fi
chown -R "$APP_UID:$APP_UID" "$MODELS"
# The console reads its stdin from a fifo that this script holds open (fd 3): it waits for lines
# instead of reading end-of-file, and the script can type commands and read the answers.
mkfifo "$RUN_DIR/console.in"
log "podman run $NAME"
podman run -i --name "$NAME" \
  -p "127.0.0.1:$HOST_PORT:8080" \
  -v "$MODELS:/models" \
  -e MODELS_WATCH_INTERVAL_MS=1000 -e LOG_LEVEL=INFO -e RATE_LIMIT_USER_PER_MINUTE=1000000 \
  --memory 512m \
  "$IMAGE" <"$RUN_DIR/console.in" >"$RUN_DIR/console.out" 2>"$RUN_DIR/console.err" &
PODMAN_PID=$!
exec 3>"$RUN_DIR/console.in"
# (podman says on stderr that without systemd it cannot schedule the health check: expected here;
# the check is run by hand below with `podman healthcheck run`.)

health_url="http://127.0.0.1:$HOST_PORT/health"
metrics_url="http://127.0.0.1:$HOST_PORT/metrics"
# wait_for DESCRIPTION SECONDS COMMAND...: polls COMMAND every 0.2 s until it succeeds.
wait_for() {
  local what=$1 seconds=$2
  shift 2
  local deadline=$(($(date +%s) + seconds))
  until "$@" >/dev/null 2>&1; do
    kill -0 "$PODMAN_PID" 2>/dev/null || { tail -20 "$RUN_DIR/console.err" >&2; fail "the container stopped while waiting for $what"; }
    (($(date +%s) < deadline)) || fail "timed out after ${seconds}s waiting for $what"
    sleep 0.2
  done
}
answers() { wc -l <"$RUN_DIR/console.out"; }
has_answers() { (($(answers) >= $1)); }
# ask LINE: types one command and waits for its one-line answer, which must not be an error.
ask() {
  local before
  before=$(answers)
  printf '%s\n' "$1" >&3
  wait_for "the answer to '$1'" 30 has_answers $((before + 1))
  LAST_ANSWER=$(sed -n "$((before + 1))p" "$RUN_DIR/console.out")
  [[ "$LAST_ANSWER" != '! '* ]] || fail "'$1' was answered with an error: $LAST_ANSWER"
}
rss_mb() { podman exec "$NAME" awk -v k="$1:" '$1 == k {print int($2 / 1024)}' /proc/1/status; }

wait_for "/health to answer" 120 curl -sS -o /dev/null "$health_url"
# A build without an embedded default of a kind (e.g. before the first model is trained) serves
# nothing for it, and the bot's jar carries no random-bundle maker (that is a test helper, in
# model-serve's test-jar): such a build needs trained bundles from CONTAINER_TEST_MODELS.
for kind in translate translate-zh-en chat; do
  if grep -q "\"$kind\":{\"version\":null" <<<"$(curl -sS "$health_url")"; then
    fail "no $kind model serving (no embedded default in this build): set CONTAINER_TEST_MODELS to a folder with translate/ and chat/ bundles"
  fi
done
wait_for "/health to answer 200" 120 curl -fsS "$health_url"
HEALTH=$(curl -fsS "$health_url")
log "health: $HEALTH"
grep -q '"status":"UP"' <<<"$HEALTH" || fail "/health is not UP: $HEALTH"
podman healthcheck run "$NAME" >/dev/null || fail "the image's HEALTHCHECK command reports unhealthy"
METRICS=$(curl -fsS "$metrics_url") || fail "/metrics did not answer"
grep -q '^tinyseq_model_info{' <<<"$METRICS" || fail "/metrics has no tinyseq_model_info"
ask "/translate Hello."
log "console: /translate Hello. -> $LAST_ANSWER"
ask "/translate 我喜欢茶。"
log "console: /translate 我喜欢茶。 -> $LAST_ANSWER"
ask "/chat hi"
log "console: /chat hi -> $LAST_ANSWER"
RSS_START=$(rss_mb VmRSS)
log "java (PID 1) resident after start: $RSS_START MB"

# ---- 6. publish a new translate bundle into the mounted folder; the running bot must serve it ---
NEW_VERSION="translate-containertest-$(date -u +%Y%m%dT%H%M%SZ)"
log "publishing $NEW_VERSION into the mounted models folder"
# PublishBundle copies the translate bundle serving now (the embedded default, or one in /models)
# under a new version, atomically (hidden directory + rename), as `model.jar train --out` does.
SERVING=$(sed -n 's/.*"translate":{"version":"[^"]*","location":"\([^"]*\)".*/\1/p' <<<"$HEALTH")
case "$SERVING" in
  /models/*) SOURCE=$SERVING ;;
  *) SOURCE=default:translate ;;
esac
podman exec "$NAME" java -Xms8m -Xmx64m -cp /app/bot.jar org.tinyseq.bot.ops.PublishBundle \
  "$SOURCE" /models/translate "$NEW_VERSION" >/dev/null 2>"$CACHE_DIR/publish.err" ||
  { cat "$CACHE_DIR/publish.err" >&2; fail "publishing $SOURCE failed"; }
[[ -f "$MODELS/translate/$NEW_VERSION/manifest.json" ]] || fail "the bundle is not in the host folder"
# (grep reads a variable, not a pipe from curl: with pipefail, grep -q closing the pipe early
# would fail curl with "Failed writing body".)
served() {
  local h
  h=$(curl -fsS "$health_url") && grep -q "\"$NEW_VERSION\"" <<<"$h"
}
wait_for "the running bot to serve $NEW_VERSION" 60 served
log "served: $(curl -fsS "$health_url")"
METRICS=$(curl -fsS "$metrics_url") || fail "/metrics did not answer"
grep -q "tinyseq_model_info{.*version=\"$NEW_VERSION\"" <<<"$METRICS" ||
  fail "/metrics does not show $NEW_VERSION"
ask "/translate Hello."
log "console after the swap: /translate Hello. -> $LAST_ANSWER"
served_in_console() { grep -q "$NEW_VERSION" "$RUN_DIR/console.out"; }
printf '/model\n' >&3
wait_for "/model to name $NEW_VERSION" 30 served_in_console

# ---- load: distinct sentences (uncached decodes), then the resident size ---------------------------
LOAD_LINES=${CONTAINER_TEST_LOAD:-500}
log "typing $LOAD_LINES distinct /translate lines"
before=$(answers)
T_LOAD=$(date +%s%N)
for ((i = 1; i <= LOAD_LINES; i++)); do
  # short enough for any model's maxSourceLength (the test bundles' is 20)
  printf '/translate Day %d is fine.\n' "$i" >&3
done
wait_for "$LOAD_LINES answers" 300 has_answers $((before + LOAD_LINES))
LOAD_MS=$((($(date +%s%N) - T_LOAD) / 1000000))
ERRORS=$(tail -n "$LOAD_LINES" "$RUN_DIR/console.out" | grep -c '^! ' || true)
((ERRORS == 0)) || fail "$ERRORS of $LOAD_LINES requests failed: $(tail -n "$LOAD_LINES" "$RUN_DIR/console.out" | grep -m3 '^! ')"
RSS_KB=$(($(rss_mb VmRSS) * 1024))
RSS_PEAK=$(rss_mb VmHWM)
log "$LOAD_LINES answers in ${LOAD_MS} ms, none failed; resident $((RSS_KB / 1024)) MB, peak $RSS_PEAK MB"
((RSS_PEAK < 350)) || fail "peak resident size $RSS_PEAK MB is over 350 MB"

# ---- 7. graceful stop ----------------------------------------------------------------------------
log "podman stop (SIGTERM)"
T_STOP=$(date +%s)
podman stop -t 30 "$NAME" >/dev/null 2>"$CACHE_DIR/stop.err" ||
  { cat "$CACHE_DIR/stop.err" >&2; fail "podman stop failed"; }
STOP_SECONDS=$(($(date +%s) - T_STOP))
EXIT_CODE=$(podman inspect --format '{{.State.ExitCode}}' "$NAME")
wait "$PODMAN_PID" 2>/dev/null || true
exec 3>&-
# 0, or 143 (128 + SIGTERM) when the JVM exits by the signal after its shutdown hooks ran; 137
# would mean it was killed after the timeout.
[[ "$EXIT_CODE" == 0 || "$EXIT_CODE" == 143 ]] || fail "exit code $EXIT_CODE after SIGTERM (not graceful)"
grep -qi 'shut.*down\|stopp' <<<"$(podman logs "$NAME" 2>&1)" ||
  fail "no shutdown line in the logs after SIGTERM"
log "stopped gracefully in ${STOP_SECONDS}s (exit code $EXIT_CODE)"

WALL=$(($(date +%s) - T0))
echo "container-test: OK in ${WALL}s (image build ${BUILD_SECONDS}s, image $((IMAGE_BYTES / 1000000)) MB," \
  "RSS $RSS_START MB after start, $((RSS_KB / 1024)) MB after $LOAD_LINES requests (peak $RSS_PEAK MB)," \
  "hot-swapped to $NEW_VERSION)"
