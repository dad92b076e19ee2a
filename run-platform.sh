#!/usr/bin/env bash
# Builds what is needed, starts real Kafka + Elasticsearch and the four services, loads seeds/, prints the
# gateway URL. Ctrl-C stops everything. Options: --gateway-port=8080 --data-dir=.local-run --no-seeds --quiet
set -euo pipefail
cd "$(dirname "$0")"
. bin/java-env.sh
echo "Building (JDK: $JAVA_HOME) ..."
./mvnw -q -B install -DskipTests
exec "$JAVA_HOME/bin/java" \
  -cp local-infrastructure/infrastructure-launcher/target/classes:local-infrastructure/server-process/target/classes \
  dev.wenku.infrastructure.launcher.RunPlatform "$@"
