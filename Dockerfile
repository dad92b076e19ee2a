# One image recipe for the four services: docker build --build-arg SERVICE=ingest-service .
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
ARG SERVICE
RUN test -n "$SERVICE" && ./mvnw -B -q -pl "$SERVICE" -am package -Dmaven.test.skip=true \
 && cp "$SERVICE"/target/"$SERVICE"-*-exec.jar /app.jar

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --no-create-home wenku
COPY --from=build /app.jar /app/app.jar
USER 10001
ENV PORT=8080
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
