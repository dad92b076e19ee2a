#!/usr/bin/env bash
# Runs a JMH benchmark of the benchmarks module with the module's classpath.
#   ./run-benchmarks.sh analysis [JMH options]
#     analysis: full analysis of a seed essay vs bare segmentation of the same text (AnalysisBenchmark); prints both
#               throughputs and "analysis/segmentation ratio: X.XX (target ≥ 0.50)". Takes about 1.5 minutes.
#     JMH options go to JMH, e.g. -p essay=1,3,5 (which seed essays) or -f 1 (one fork).
#   ./run-benchmarks.sh search [rate per second] [seconds]
#     search latency p50/p95/p99 at a fixed arrival rate (default 100/s for 20 s), through the gateway and directly,
#     on the embedded platform with the seed loaded (about 2 minutes).
#   ./run-benchmarks.sh indexer [documents]
#     indexer throughput (Kafka → search-service → searchable) against a raw _bulk of the same documents into the
#     same node (default 5000 documents; about 2 minutes).
#   ./run-benchmarks.sh relevance
#     the relevance evaluation of evaluation/relevance-queries.txt on the seed (about 1.5 minutes).
set -euo pipefail
cd "$(dirname "$0")"
. bin/java-env.sh

case "${1:-}" in
  analysis) main=dev.wenku.benchmarks.AnalysisBenchmark ;;
  search) main=dev.wenku.benchmarks.SearchLatencyBenchmark ;;
  indexer) main=dev.wenku.benchmarks.IndexerBenchmark ;;
  relevance) main=dev.wenku.benchmarks.RelevanceEvaluation ;;
  *) echo "usage: $0 analysis|search|indexer|relevance [options]" >&2; exit 2 ;;
esac
shift

echo "Building the benchmarks module (JDK: $JAVA_HOME)…"
# The platform benchmarks start every service from its runnable jar, so the whole project is packaged.
./mvnw -q -B install -DskipTests
./mvnw -q -B -pl benchmarks dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec "$JAVA_HOME/bin/java" -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" "$main" "$@"
