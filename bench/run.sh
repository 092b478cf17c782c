#!/usr/bin/env bash
# The benchmark harness. See bench/README.md.
#   bench/run.sh [--quick] [--stores postgres,sqlite,turso] [--paths raw,core,ceiling,rabbitmq,connector]
#                [--runs 3] [--messages N] [--batch B] [--consumers C] [--rate R]
#                [--steady-seconds S] [--idle-seconds S] [--postgres-dsn postgresql://user:pw@host:5432/db]
# Builds the harness and its Quarkus application through the reactor (nothing is installed into ~/.m2),
# then runs the launcher with a 512 MB heap. BENCH_SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  mvn -B -q -Pbench -pl bench -am package -DskipTests
fi
# tursodb for the Turso store: the one the core build installed, else the same npm package into bench/target.
TURSO_VERSION=$(sed -n 's:.*<turso.version>\(.*\)</turso.version>.*:\1:p' core/pom.xml)
TURSODB=core/target/turso/node_modules/@tursodatabase/cli-linux-x64-gnu/tursodb
if [[ ! -x "$TURSODB" ]]; then
  TURSODB=bench/target/turso/node_modules/@tursodatabase/cli-linux-x64-gnu/tursodb
  if [[ ! -x "$TURSODB" ]] && command -v npm >/dev/null; then
    npm install --no-save --no-audit --no-fund --prefix bench/target/turso "turso@${TURSO_VERSION}" >/dev/null
  fi
fi
CP="bench/target/classes:$(cat bench/target/launcher.classpath)"
exec java -Xmx512m -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dbench.tursodb="$TURSODB" -cp "$CP" dev.pgqrs.bench.Bench "$@"
