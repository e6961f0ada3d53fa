# The bot's image: bot.jar (model-serve + bot modules, no DL4J) on a slim JRE.
#
#   docker build -t tinyseq-bot .
#   docker run -d --name tinyseq -p 127.0.0.1:8080:8080 -e DISCORD_TOKEN_FILE=/run/secrets/discord_token \
#       -v "$PWD/models:/models" tinyseq-bot
#
# Base images are build arguments so the same file builds from public images (the defaults) or from
# locally made ones (scripts/container-test.sh builds Debian-based ones with debootstrap). Only
# `java` (and `mvn` in the build stage) on PATH is assumed, no vendor-specific paths.
ARG BUILD_BASE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_BASE=eclipse-temurin:17-jre

# ---------------------------------------------------------------------------------------------
FROM ${BUILD_BASE} AS build
WORKDIR /src

# 1) Dependency layer: the poms alone (all of them, since the root pom lists every module), then a
#    package run of the modules the image needs over empty sources. It downloads every dependency
#    and build plugin; the layer stays cached until a pom changes.
COPY pom.xml ./
COPY model/serve/pom.xml model/serve/
COPY model/train/pom.xml model/train/
COPY model/spark/pom.xml model/spark/
COPY bot/pom.xml bot/
RUN mvn -B -q -pl bot -am -DskipTests -Dmaven.javadoc.skip=true package \
    && rm -rf bot/target model/serve/target

# 2) Sources and the default configuration (packaged into bot.jar), then the real build, offline:
#    everything it needs is in the layer above.
COPY config/ config/
COPY model/serve/src model/serve/src
COPY bot/src bot/src
RUN mvn -B -q -o -pl bot -am -DskipTests package \
    && cp bot/target/bot.jar /src/bot.jar

# ---------------------------------------------------------------------------------------------
FROM ${RUNTIME_BASE} AS runtime

ARG APP_UID=10001
# A system user with no login shell and no home to write to; /models is its only writable place.
RUN groupadd --system --gid ${APP_UID} tinyseq \
    && useradd --system --uid ${APP_UID} --gid tinyseq --no-create-home --home-dir /app \
       --shell /usr/sbin/nologin tinyseq \
    && mkdir -p /app/config /models \
    && chown tinyseq:tinyseq /models

WORKDIR /app
COPY --from=build /src/bot.jar /app/bot.jar
COPY config/ /app/config/

# Class data sharing (AppCDS): one console run at build time (both translate directions, a chat,
# the model listing) records the classes the bot loads into /app/bot.jsa, and every start maps
# them instead of loading and verifying them again (-XX:SharedArchiveFile below: about 1 s of CPU
# less at start, docs/operations.md). The run's pool index is thrown away (the bot builds its own
# in /models/.pool-index). A JVM that cannot use the archive ignores it and starts as before.
RUN printf '%s\n' '/translate Hello.' '/translate 你好。' '/chat hello' '/model' \
    | POOL_INDEX_DIR=/tmp/cds-pool-index java -XX:ArchiveClassesAtExit=/app/bot.jsa \
      -XX:+UseSerialGC -Xmx192m -Xss512k --add-modules=jdk.incubator.vector -jar /app/bot.jar \
      >/dev/null \
    && rm -rf /tmp/cds-pool-index

# Memory: a small fixed heap (the models are a few MB of floats, the result cache is bounded), the
# serial collector (2 cores, small heap), capped metaspace and code cache, so the whole process
# stays under 350 MB resident. 192 MB of heap: the three default models with the chat bundle's
# reverse model hold about 117 MB, and a hot swap must fit a second translate model (about 36 MB at
# its peak) beside them; at 160 MB the container test's swap was refused (docs/operations.md). jdk.incubator.vector turns on the decoder's Vector API kernels
# (without it the decoder falls back to scalar loops; java warns once that an incubator module is
# in use). Override JDK_JAVA_OPTIONS to change any of it.
# HEALTH_BIND=0.0.0.0: the bot binds /health and /metrics to loopback unless told otherwise; in a
# container the published port arrives on the container's own interface, so the image listens on
# all of them (publish it on 127.0.0.1 of the host, as above, unless a scraper needs more).
ENV MODELS_DIR=/models \
    HEALTH_PORT=8080 \
    HEALTH_BIND=0.0.0.0 \
    LOG_FORMAT=plain \
    JDK_JAVA_OPTIONS="-XX:SharedArchiveFile=/app/bot.jsa -XX:+UseSerialGC -Xms32m -Xmx192m -Xss512k -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=48m -XX:+ExitOnOutOfMemoryError --add-modules=jdk.incubator.vector"

VOLUME ["/models"]
EXPOSE 8080
USER tinyseq:tinyseq

# A tiny Java client (no curl needed in the image): exit 0 when /health answers 200.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["java", "-XX:+UseSerialGC", "-Xms8m", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", \
         "-cp", "/app/bot.jar", "org.tinyseq.bot.ops.HealthCheck"]

# Exec form: java is PID 1 and receives SIGTERM from `docker stop` for a graceful shutdown.
ENTRYPOINT ["java", "-jar", "/app/bot.jar"]
