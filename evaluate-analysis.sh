#!/usr/bin/env bash
# Prints the quality of the analysis engine on the seed corpus: precision@10 of the keywords and theme agreement per
# essay (and averages) against the hand-written evaluation/gold.json (see evaluation/README.md).
#   ./evaluate-analysis.sh [gold.json] [seed.txt]
set -euo pipefail
cd "$(dirname "$0")"
. bin/java-env.sh

echo "Building the benchmarks module (JDK: $JAVA_HOME)…"
./mvnw -q -B -pl benchmarks -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec "$JAVA_HOME/bin/java" -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.wenku.benchmarks.AnalysisEvaluation "$@"
