package dev.pgqrs.bench;

import dev.pgqrs.Pgqrs;
import dev.pgqrs.Store;
import dev.pgqrs.postgres.PostgresStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark harness: raw baselines, the core API, the framework ceiling, RabbitMQ and the pgqrs
 * connector, measured in one run on the same machine. Run it with {@code bench/run.sh}.
 */
public final class Bench {
    static final String CORE_SCHEMA = "bench_core";
    static final List<String> KINDS = List.of("worker", "nonblocking", "batch");

    private final Settings settings;
    private final Path work;
    private final List<String> notes = new ArrayList<>();
    private final Environment environment = new Environment();
    private BenchPostgres postgres;

    private Bench(Settings settings, Path work) {
        this.settings = settings;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Path work = Path.of("bench", "target", "work");
        Files.createDirectories(work);
        new Bench(settings, work).run();
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        environment.captureMachine();
        if (settings.stores().contains("sqlite")) {
            environment.put("SQLite", "sqlite-jdbc " + org.sqlite.SQLiteJDBCLoader.getVersion()
                    + " (WAL, synchronous=FULL, a local file under bench/target/work)");
        }
        if (settings.stores().contains("postgres")) {
            postgres = settings.postgresDsn() != null ? BenchPostgres.external(settings.postgresDsn()) : BenchPostgres.embedded();
            environment.postgres(postgres);
        }
        try {
            List<List<Result>> runs = new ArrayList<>();
            for (int run = 1; run <= settings.runs(); run++) {
                log("run " + run + " of " + settings.runs());
                runs.add(oneRun());
            }
            List<Result> results = Results.medians(runs);
            Results.fillRatios(results);
            System.out.println();
            for (Result r : results) {
                System.out.println(r.line());
            }
            Report.write(Path.of(settings.report()), settings, environment, results, notes, started);
            log("wrote " + settings.report());
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private List<Result> oneRun() throws Exception {
        List<Result> results = new ArrayList<>();
        for (String store : settings.stores()) {
            if (settings.runs("raw")) {
                results.addAll(raw(store));
            }
            if (settings.runs("core")) {
                results.addAll(core(store));
            }
        }
        if (settings.runs("ceiling")) {
            results.addAll(ceiling());
        }
        if (settings.runs("rabbitmq")) {
            results.addAll(rabbitmq());
        }
        if (settings.runs("connector")) {
            for (String store : settings.stores()) {
                results.addAll(connector(store));
            }
        }
        return results;
    }

    /**
     * The pgqrs connector: the same application, its channels bound to pgqrs on this store. Each
     * consumer kind gets its own JVMs (drain, then steady on an emptied queue); idle runs once per
     * store, with the non-blocking channel.
     */
    private List<Result> connector(String store) throws Exception {
        fresh(store);
        BenchTurso turso = store.equals("turso") ? startTurso("turso-connector") : null;
        if (store.equals("turso") && turso == null) {
            return List.of();
        }
        try {
            List<Result> results = new ArrayList<>();
            String dsn = dsn(store, "connector", turso);
            for (String kind : KINDS) {
                String queue = "bench_conn_" + kind;
                try (Store admin = open(dsn)) {
                    admin.admin().createQueueIfNotExists(queue);
                    admin.admin().purgeQueue(queue);
                }
                java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
                p.put("quarkus.pgqrs.dsn", dsn);
                if (store.equals("postgres")) {
                    p.put("quarkus.pgqrs.schema", CORE_SCHEMA);
                    p.put("bench.statements.jdbc-url", postgres.jdbcUrl());
                    p.put("bench.statements.user", postgres.user());
                    p.put("bench.statements.password", String.valueOf(postgres.password()));
                }
                p.put("mp.messaging.outgoing.out.connector", "pgqrs");
                p.put("mp.messaging.outgoing.out.queue", queue);
                String in = "mp.messaging.incoming.in-" + kind + ".";
                p.put(in + "connector", "pgqrs");
                p.put(in + "queue", queue);
                p.put(in + "batch-size", String.valueOf(settings.batch()));
                p.put(in + "claimers", String.valueOf(settings.claimers()));
                p.put("bench.claimers", String.valueOf(settings.claimers()));
                p.put(in + "ack-mode", "delete");
                p.put(in + "batch", String.valueOf(kind.equals("batch")));
                p.put("bench.target", "pgqrs");
                p.put("bench.store", store);
                p.put("bench.kind", kind);
                p.put("bench.report-produce", String.valueOf(kind.equals(KINDS.get(0))));
                p.put("bench.idle-seconds", String.valueOf(settings.idleSeconds()));
                log(store + ": connector, " + kind + " consumer: drain");
                QuarkusRuns app = quarkus();
                p.put("bench.phases", "drain");
                results.addAll(app.run(store + " connector " + kind, p));
                app.profile().forEach(this::note);
                // A drain cut short leaves a backlog: empty the queue with the application stopped, then
                // measure the steady phase (and idle, once per store) in a fresh application.
                try (Store admin = open(dsn)) {
                    admin.admin().purgeQueue(queue);
                }
                log(store + ": connector, " + kind + " consumer: steady");
                p.put("bench.phases", "steady");
                p.put("bench.report-produce", "false");
                results.addAll(quarkus().run(store + " connector " + kind + " steady", p));
                if (kind.equals("nonblocking")) {
                    // Idle cost does not depend on the method kind: measure it once per store, on an empty queue.
                    try (Store admin = open(dsn)) {
                        admin.admin().purgeQueue(queue);
                    }
                    log(store + ": connector, idle");
                    p.put("bench.phases", "idle");
                    results.addAll(quarkus().run(store + " connector idle", p));
                }
            }
            return results;
        } finally {
            if (turso != null) {
                turso.close();
            }
        }
    }

    private QuarkusRuns quarkus() {
        if (!QuarkusRuns.available()) {
            throw new IllegalStateException("bench/target/quarkus-app is missing: build with bench/run.sh (it passes -Pbench)");
        }
        return new QuarkusRuns(settings, List.of());
    }

    /** SmallRye's in-memory connector: what dispatch alone costs for each consumer kind. */
    private List<Result> ceiling() throws Exception {
        List<Result> results = new ArrayList<>();
        for (String kind : KINDS) {
            log("ceiling: in-memory connector, " + kind + " consumer");
            results.addAll(quarkus().run("memory " + kind, java.util.Map.of("bench.target", "memory", "bench.store", "memory",
                    "bench.kind", kind, "bench.report-produce", String.valueOf(kind.equals(KINDS.get(0))))));
        }
        return results;
    }

    /** The SmallRye RabbitMQ connector; it has no batch consumption, so worker and non-blocking only. */
    private List<Result> rabbitmq() throws Exception {
        String version = Rabbit.version();
        if (version == null) {
            note("RabbitMQ baseline skipped: nothing answers on " + Rabbit.HOST + ":" + Rabbit.PORT);
            return List.of();
        }
        environment.put("RabbitMQ", version + " at " + Rabbit.HOST + ":" + Rabbit.PORT
                + " (durable queue, persistent messages, publisher confirms, acks)");
        List<Result> results = new ArrayList<>();
        for (String kind : List.of("worker", "nonblocking")) {
            log("rabbitmq: " + kind + " consumer");
            Rabbit.prepare(Rabbit.queue(kind));
            java.util.Map<String, String> p = new java.util.LinkedHashMap<>(Rabbit.channelProperties(kind));
            p.put("bench.target", "rabbitmq");
            p.put("bench.store", "rabbitmq");
            p.put("bench.kind", kind);
            p.put("bench.report-produce", String.valueOf(kind.equals("worker")));
            results.addAll(quarkus().run("rabbitmq " + kind, p));
        }
        return results;
    }

    private List<Result> raw(String store) throws Exception {
        BenchTurso turso = null;
        try {
            Raw raw = switch (store) {
                case "postgres" -> new RawPostgres(postgres);
                case "sqlite" -> new RawSqlite(work.resolve("raw.db"));
                default -> {
                    turso = startTurso("turso-raw");
                    yield turso == null ? null : new RawTurso(turso.url());
                }
            };
            if (raw == null) {
                return List.of();
            }
            log(store + ": raw baseline");
            raw.prepare();
            double produced = raw.produce(settings.messages(), settings.batch());
            double consumed = raw.consume(settings.messages(), settings.batch(), settings.consumers());
            return List.of(
                    Result.throughput(store, "raw", "loop", "drain-produce", produced).with("batch", settings.batch()),
                    Result.throughput(store, "raw", "loop", "drain-consume", consumed).with("batch", settings.batch())
                            .with("consumers", settings.consumers()));
        } finally {
            if (turso != null) {
                turso.close();
            }
        }
    }

    private BenchTurso startTurso(String name) throws Exception {
        if (BenchTurso.binary() == null) {
            note("turso skipped: no tursodb binary (run.sh installs it with npm; is npm installed?)");
            return null;
        }
        environment.put("tursodb", BenchTurso.version() + " (--sync-server on 127.0.0.1, Hrana over HTTP)");
        return BenchTurso.start(work.resolve(name));
    }

    private List<Result> core(String store) throws Exception {
        BenchTurso turso = store.equals("turso") ? startTurso("turso-core") : null;
        if (store.equals("turso") && turso == null) {
            return List.of();
        }
        try {
            fresh(store);
            Store opened = open(dsn(store, "core", turso));
            List<Result> results = new ArrayList<>();
            CoreScenarios scenarios = new CoreScenarios(store, settings);
            StatementCounter counter = store.equals("postgres")
                    ? new StatementCounter(postgres.jdbcUrl(), postgres.user(), postgres.password()) : null;
            try (CountingStore counting = new CountingStore(opened)) {
                log(store + ": core drain");
                List<String> profile = new ArrayList<>();
                results.addAll(scenarios.drain(counting, "bench_drain", counter, profile));
                profile.forEach(this::note);
                log(store + ": core steady");
                results.add(scenarios.steady(counting, "bench_steady"));
                log(store + ": core idle");
                results.add(scenarios.idle(counting, "bench_idle", counter));
            } finally {
                if (counter != null) {
                    counter.close();
                }
            }
            return results;
        } finally {
            if (turso != null) {
                turso.close();
            }
        }
    }

    /** Where a path keeps its queues: one schema on PostgreSQL, a file per path for SQLite, a server per path for Turso. */
    private String dsn(String store, String path, BenchTurso turso) {
        return switch (store) {
            case "postgres" -> postgres.dsn();
            case "sqlite" -> "sqlite:" + work.resolve(path + ".db").toAbsolutePath();
            default -> turso.url();
        };
    }

    private Store open(String dsn) {
        return Pgqrs.storeKind(dsn).equals(PostgresStore.KIND)
                ? PostgresStore.builder().dsn(dsn).schema(CORE_SCHEMA).maxConnections(settings.consumers() + 2).build()
                : Pgqrs.connect(dsn);
    }

    /** Drops what earlier runs left, so every run starts from empty tables. */
    private void fresh(String store) throws Exception {
        if (store.equals("postgres")) {
            postgres.reset();
        } else if (store.equals("sqlite")) {
            for (String name : List.of("core.db", "core.db-wal", "core.db-shm", "connector.db", "connector.db-wal", "connector.db-shm")) {
                Files.deleteIfExists(work.resolve(name));
            }
        }
    }

    private void note(String text) {
        if (!notes.contains(text)) {
            notes.add(text);
        }
        log("note: " + text);
    }

    static void log(String text) {
        System.out.println("# " + text);
    }
}
