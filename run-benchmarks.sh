#!/usr/bin/env bash
# Runs a JMH benchmark of the benchmarks module with the module's classpath.
#   ./run-benchmarks.sh analysis [JMH options]
#     analysis: full analysis of a seed essay vs bare segmentation of the same text (AnalysisBenchmark); prints both
#               throughputs and "analysis/segmentation ratio: X.XX (target ≥ 0.50)". Takes about 1.5 minutes.
#     JMH options go to JMH, e.g. -p essay=1,3,5 (which seed essays) or -f 1 (one fork).
set -euo pipefail
cd "$(dirname "$0")"
. bin/java-env.sh

case "${1:-}" in
  analysis) main=dev.wenku.benchmarks.AnalysisBenchmark ;;
  *) echo "usage: $0 analysis [JMH options]" >&2; exit 2 ;;
esac
shift

echo "Building the benchmarks module (JDK: $JAVA_HOME)…"
./mvnw -q -B -pl benchmarks -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec "$JAVA_HOME/bin/java" -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" "$main" "$@"
