# syntax=docker/dockerfile:1
# One recipe for the five services: docker build --build-arg SERVICE=ingest-service -t wenku/ingest-service .
# (SERVICE = ingest-service, analysis-service, search-service, operations-service or gateway; docker-compose.yml
# builds them all.)
#
# The build stage does not depend on SERVICE, so BuildKit builds it once and every service image reuses it.
# Needs BuildKit (the default builder of Docker 23 and newer) for the Maven cache mount.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl ingest-service,analysis-service,search-service,operations-service,gateway -am package \
      -Dmaven.test.skip=true \
 && mkdir -p /out \
 && for service in ingest-service analysis-service search-service operations-service gateway; do \
      cp "$service"/target/"$service"-*-exec.jar /out/"$service".jar; \
    done
# The health check: a class of a few lines, so the runtime image needs no curl (exit 0 only for HTTP 200).
RUN mkdir -p /out/healthcheck && printf '%s\n' \
      'public class HealthCheck {' \
      '    public static void main(String[] args) throws Exception {' \
      '        var connection = (java.net.HttpURLConnection) java.net.URI.create(args[0]).toURL().openConnection();' \
      '        connection.setConnectTimeout(2000);' \
      '        connection.setReadTimeout(4000);' \
      '        System.exit(connection.getResponseCode() == 200 ? 0 : 1);' \
      '    }' \
      '}' > /tmp/HealthCheck.java \
 && javac --release 21 -d /out/healthcheck /tmp/HealthCheck.java

FROM eclipse-temurin:21-jre
ARG SERVICE
RUN test -n "$SERVICE" || { echo "Build with --build-arg SERVICE=<ingest-service|analysis-service|search-service|operations-service|gateway>" >&2; exit 1; } \
 && groupadd --system --gid 10001 wenku \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home wenku \
 && mkdir -p /app/drop /app/imports \
 && chown wenku:wenku /app/drop /app/imports \
 && if [ "$SERVICE" = search-service ]; then echo --add-modules=jdk.incubator.vector; fi > /app/jvm-options
WORKDIR /app
COPY --from=build /out/${SERVICE}.jar /app/app.jar
COPY --from=build /out/healthcheck /app/healthcheck
USER 10001:10001
# JAVA_OPTS: options of the service's JVM (docker-compose.yml lowers the heap share of ingest-service, whose Tika
# worker JVMs share its container). Native access lets Netty (the gateway) free direct buffers with free(); without
# it, on JDK 25, Netty closes a shared Arena per buffer, which pauses every thread each time. DJL_CACHE_DIR: the
# embedding stage's tokenizer unpacks its native library there (by default under the home folder, not writable here).
# /app/jvm-options: the service's own options, as the local platform gives them (ServiceModule.jvmOptions): the JDK's
# vector module for search-service, whose partitions' k-means and tagging Lucene computes with it.
ENV PORT=8080 \
    DJL_CACHE_DIR=/tmp/djl \
    SERVER_ADDRESS=0.0.0.0 \
    WENKU_INGEST_DROPFOLDER_PATH=/app/drop \
    WENKU_INGEST_IMPORTS_SPOOLFOLDER=/app/imports \
    JAVA_OPTS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
# Spring Boot's readiness group: the service has started and, where its configuration includes them, Kafka and
# Elasticsearch answer.
HEALTHCHECK --interval=10s --timeout=8s --start-period=120s --retries=6 \
  CMD java -Xmx16m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp /app/healthcheck HealthCheck \
      "http://127.0.0.1:${PORT}/actuator/health/readiness"
ENTRYPOINT ["/bin/sh", "-c", "exec java --enable-native-access=ALL-UNNAMED $(cat /app/jvm-options) $JAVA_OPTS -jar /app/app.jar \"$@\"", "app"]
