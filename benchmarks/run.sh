#!/usr/bin/env bash
# Builds the benchmarks module and runs the harnesses.
#   benchmarks/run.sh quick            # reduced set, under 10 minutes on 2 cores
#   benchmarks/run.sh full             # the full set
#   benchmarks/run.sh quick routing    # only the named harnesses
# Needs a JDK 17+ and Maven; writes nothing outside target/ and the system temp directory.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-quick}"
shift || true
cp_file="benchmarks/target/benchmark.classpath"
mvn -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$(pwd)/$cp_file" -Dmdep.includeScope=runtime >&2
heap="-Xmx2g"
[ "$mode" = "full" ] && heap="-Xmx4g"
exec java $heap -XX:+UseG1GC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  ${BENCH_JAVA_OPTS:-} \
  -cp "benchmarks/target/classes:$(cat "$cp_file")" io.hookstream.benchmarks.Main "$mode" "$@"
