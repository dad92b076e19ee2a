#!/bin/sh
# Kafka's users and ACLs in docker-compose.yml: run once by the container kafka-users (the apache/kafka image) after
# the broker is up, as the super user wenku-admin (SASL/PLAIN; its password is in the broker's own settings). Sets
# each service's SCRAM-SHA-256 credential from WENKU_KAFKA_<SERVICE>_PASSWORD, then grants every line of
# config/kafka-acls.txt, the file the embedded run applies too. Running it again sets the current passwords and adds
# only the grants that are missing.
set -eu
bin=${KAFKA_BIN:-/opt/kafka/bin}
server=${KAFKA_SERVER:-kafka:9092}
acls=${KAFKA_ACLS:-/wenku/kafka-acls.txt}
export KAFKA_HEAP_OPTS=-Xmx128m

# The super user's login goes into a file readable by this user only, not onto a command line.
umask 077
work=$(mktemp -d)
login=$work/admin.properties
printf '%s\n' 'security.protocol=SASL_PLAINTEXT' 'sasl.mechanism=PLAIN' \
  "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"wenku-admin\" password=\"$WENKU_KAFKA_ADMIN_PASSWORD\";" \
  > "$login"

for service in ingest analysis search operations; do
  variable=WENKU_KAFKA_$(echo "$service" | tr 'a-z' 'A-Z')_PASSWORD
  password=$(printenv "$variable") || { echo "$variable is not set" >&2; exit 1; }
  # On the command line: kafka-configs reads SCRAM credentials from there only. This container runs nothing else, so
  # no other process sees it.
  "$bin/kafka-configs.sh" --bootstrap-server "$server" --command-config "$login" --alter \
    --entity-type users --entity-name "$service-service" --add-config "SCRAM-SHA-256=[iterations=8192,password=$password]"
done

sed 's/#.*//' "$acls" | while read -r user type pattern name operations; do
  [ -n "$user" ] || continue
  set --
  for operation in $(echo "$operations" | tr ',' ' '); do
    set -- "$@" --operation "$operation"
  done
  "$bin/kafka-acls.sh" --bootstrap-server "$server" --command-config "$login" --add \
    --allow-principal "User:$user" --resource-pattern-type "$pattern" "--$type" "$name" "$@"
done
rm -rf "$work"
echo "Kafka users and ACLs are set."
