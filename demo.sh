#!/bin/sh
# Builds the demo (and the modules it needs) and runs it. Options go to the demo:
#   ./demo.sh [--store=sqlite|postgres] [--orders=N] [--poison=K] [--dsn=DSN]
set -e
cd "$(dirname "$0")"
mvn -B -q -pl demo -am package -DskipTests
exec java -jar demo/target/quarkus-app/quarkus-run.jar "$@"
