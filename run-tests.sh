#!/usr/bin/env bash
# Runs every test: unit tests, integration tests against real Kafka + Elasticsearch, and the end-to-end test of
# the whole platform. Extra arguments go to Maven (e.g. -Dinfra=testcontainers, -DskipITs).
set -euo pipefail
cd "$(dirname "$0")"
. bin/java-env.sh
echo "Testing with JDK: $JAVA_HOME"
./mvnw -B verify "$@"
