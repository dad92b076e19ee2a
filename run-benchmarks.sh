#!/usr/bin/env bash
# Runs the benchmarks of the benchmarks module with the module's classpath.
#   ./run-benchmarks.sh suite
#     every benchmark below once (analysis, then on one embedded platform: start-up time, search latency, end-to-end
#     freshness at 5, 10 and 20 uploads/s, the indexer, resident memory), ending with one table of figure,
#     measurement, target and met/missed, with the machine above it. Takes about 7 minutes after the build.
#   ./run-benchmarks.sh analysis [JMH options]
#     analysis: full analysis of a seed essay vs bare segmentation of the same text (AnalysisBenchmark); prints both
#               throughputs and "analysis/segmentation ratio: X.XX (target ≥ 0.50)". Takes about 1.5 minutes.
#     JMH options go to JMH, e.g. -p essay=1,3,5 (which seed essays) or -f 1 (one fork).
#   ./run-benchmarks.sh search [rate per second] [seconds]
#     search latency p50/p95/p99 at a fixed arrival rate (default 100/s for 20 s), through the gateway and directly,
#     on the embedded platform with the seed loaded (about 3 minutes).
#   ./run-benchmarks.sh indexer [documents] [warm-up documents]
#     indexer throughput (Kafka → search-service → searchable) against a raw _bulk of the same documents into the
#     same node (default 20000 documents after a warm-up of 20000 written both ways; about 4 minutes); each phase
#     prints the share of a core the platform's JIT compilers took in it.
#   ./run-benchmarks.sh freshness [seconds per rate] [rates per second...]
#     end-to-end freshness (upload through the gateway → searchable through the gateway) p50/p95/p99 and throughput
#     at fixed arrival rates (default 5, 10 and 20 uploads/s for 30 s each), on the embedded platform (about 3 minutes).
#   ./run-benchmarks.sh relevance
#     the relevance evaluation of evaluation/relevance-queries.txt on the seed (about 1.5 minutes).
set -euo pipefail
cd "$(dirname "$0")"
. bin/java-env.sh

case "${1:-}" in
  suite) main=dev.wenku.benchmarks.BenchmarkSuite ;;
  freshness) main=dev.wenku.benchmarks.FreshnessBenchmark ;;
  analysis) main=dev.wenku.benchmarks.AnalysisBenchmark ;;
  search) main=dev.wenku.benchmarks.SearchLatencyBenchmark ;;
  indexer) main=dev.wenku.benchmarks.IndexerBenchmark ;;
  relevance) main=dev.wenku.benchmarks.RelevanceEvaluation ;;
  *) echo "usage: $0 suite|analysis|search|freshness|indexer|relevance [options]" >&2; exit 2 ;;
esac
shift

echo "Building the benchmarks module (JDK: $JAVA_HOME)…"
# The platform benchmarks start every service from its runnable jar, so the whole project is packaged.
./mvnw -q -B install -DskipTests
./mvnw -q -B -pl benchmarks dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec "$JAVA_HOME/bin/java" -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" "$main" "$@"
