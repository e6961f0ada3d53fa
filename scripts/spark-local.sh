#!/usr/bin/env bash
# Runs model-spark.jar without a cluster: Spark in this JVM (--master local[N]), Spark's jars from
# model/spark/target/spark-jars. Build first: ./mvnw -B -pl model/spark -am package -DskipTests
#
#   scripts/spark-local.sh train --master 'local[2]' --data ../shared/data/cmn-eng/cmn.txt \
#     --kind translate --tokens word --source-min-count 2 --out models/translate
#
# Environment: JAVA_OPTS (default -Xmx3g), SPARK_LOCAL_IP (default 127.0.0.1).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/model/spark/target/model-spark.jar
jars=$root/model/spark/target/spark-jars
if [[ ! -f $jar || ! -d $jars ]]; then
  echo "spark-local: $jar or $jars missing; build: ./mvnw -B -pl model/spark -am package -DskipTests" >&2
  exit 1
fi
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
# The serving decoder's vector kernels for the validation BLEU at export, and Spark's own JVM flags for Java 17 (launcher/.../JavaModuleOptions.java): spark-submit adds them,
# a plain java command must (the same list is surefire's argLine in model/spark/pom.xml).
opens=(--add-modules jdk.incubator.vector -XX:+IgnoreUnrecognizedVMOptions -Dio.netty.tryReflectionSetAccessible=true
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
  java.util.concurrent java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs \
  sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
# Spark's jars first, as on a cluster; no web UI; logging from model/spark/conf/logback.xml.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx3g} "${opens[@]}" \
  -Dlogback.configurationFile="$root/model/spark/conf/logback.xml" \
  -Dspark.ui.enabled=false -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
  -cp "$jars/*:$jar" org.tinyseq.spark.cli.SparkCli "$@"
