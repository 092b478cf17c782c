package dev.pgqrs.demo;

import dev.pgqrs.Pgqrs;
import dev.pgqrs.Store;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code java -jar quarkus-run.jar [--store=sqlite|postgres] [--orders=N] [--poison=K] [--dsn=DSN]}, or the same
 * as {@code -Ddemo.store=...} properties. Prepares the store (a fresh SQLite file, or an embedded PostgreSQL 17),
 * empties the demo queues, and starts the application with {@code quarkus.pgqrs.dsn} pointing at it. Dev Services
 * do not run in a packaged application, so the demo brings its own embedded store.
 */
@QuarkusMain
public class DemoMain {

    public static void main(String... args) throws IOException {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println("Usage: java -jar demo/target/quarkus-app/quarkus-run.jar [--store=sqlite|postgres]"
                        + " [--orders=N] [--poison=K] [--dsn=DSN]");
                return;
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Unknown argument '" + arg + "'. Use --store=, --orders=, --poison= or --dsn=.");
            }
            String key = arg.substring(2, arg.indexOf('='));
            if (!key.equals("store") && !key.equals("orders") && !key.equals("poison") && !key.equals("dsn")) {
                throw new IllegalArgumentException("Unknown option --" + key + ". Use --store=, --orders=, --poison= or --dsn=.");
            }
            System.setProperty("demo." + key, arg.substring(arg.indexOf('=') + 1));
        }
        String dsn = System.getProperty("demo.dsn");
        if (dsn == null) {
            dsn = embeddedStore(System.getProperty("demo.store", "sqlite").trim().toLowerCase(Locale.ROOT));
        }
        emptyDemoQueues(dsn);
        System.setProperty("quarkus.pgqrs.dsn", dsn);
        Quarkus.run(DemoApplication.class, args);
    }

    private static String embeddedStore(String store) throws IOException {
        switch (store) {
            case "sqlite" -> {
                Path dir = Files.createTempDirectory("pgqrs-demo");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                return "sqlite:" + dir.resolve("demo.db");
            }
            case "postgres" -> {
                // Stopped by its own shutdown hook when the demo exits.
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                return "postgresql://postgres@localhost:" + pg.getPort() + "/postgres";
            }
            default -> throw new IllegalArgumentException("--store=" + store + " has no embedded variant: use sqlite or"
                    + " postgres, or give --dsn=... (e.g. --dsn=http://127.0.0.1:8080 for a running tursodb --sync-server).");
        }
    }

    /** A DSN given by the user may hold an earlier run's messages; the demo counts from new, empty queues. */
    private static void emptyDemoQueues(String dsn) {
        try (Store store = Pgqrs.connect(dsn)) {
            for (String queue : new String[] { "demo-orders", "demo-invoices" }) {
                if (store.admin().findQueue(queue).isPresent()) {
                    store.admin().deleteQueue(queue, true);
                }
                store.admin().createQueue(queue);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("Could not delete the demo's SQLite directory " + dir + ": " + e);
        }
    }
}
