package dev.pgqrs.bench;

import java.util.Arrays;
import java.util.List;

/** What to run and how big; see bench/README.md for the options. */
public record Settings(boolean quick, List<String> stores, List<String> paths, int messages, int batch, int consumers, int claimers,
        int steadyRate, int steadySeconds, int idleSeconds, int idleSettleSeconds, int drainTimeoutSeconds, boolean jfr, int runs, String postgresDsn,
        String report, String command) {

    public static final List<String> ALL_STORES = List.of("postgres", "sqlite", "turso");
    public static final List<String> ALL_PATHS = List.of("raw", "core", "ceiling", "rabbitmq", "connector");

    /** Seconds of the steady schedule sent, unmeasured, before a fresh application's steady phase. */
    public int steadyWarmupSeconds() {
        return quick ? 1 : 5;
    }

    public static Settings parse(String[] args) {
        boolean quick = false;
        List<String> stores = ALL_STORES;
        List<String> paths = ALL_PATHS;
        Integer messages = null;
        int batch = 100;
        int consumers = 2;
        int claimers = 1;
        int rate = 1000;
        Integer steadySeconds = null;
        Integer idleSeconds = null;
        int runs = 1;
        Integer drainTimeout = null;
        boolean jfr = false;
        String dsn = null;
        String report = "docs/benchmarks.md";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> quick = true;
                case "--stores" -> stores = list(args[++i]);
                case "--paths" -> paths = list(args[++i]);
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--consumers" -> consumers = Integer.parseInt(args[++i]);
                case "--claimers" -> claimers = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--steady-seconds" -> steadySeconds = Integer.parseInt(args[++i]);
                case "--idle-seconds" -> idleSeconds = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--drain-timeout" -> drainTimeout = Integer.parseInt(args[++i]);
                case "--jfr" -> jfr = true;
                case "--postgres-dsn" -> dsn = args[++i];
                case "--report" -> report = args[++i];
                default -> throw new IllegalArgumentException("Unknown option " + a + "; see bench/README.md");
            }
        }
        for (String s : stores) {
            if (!ALL_STORES.contains(s)) {
                throw new IllegalArgumentException("Unknown store " + s + "; choose from " + ALL_STORES);
            }
        }
        for (String p : paths) {
            if (!ALL_PATHS.contains(p)) {
                throw new IllegalArgumentException("Unknown path " + p + "; choose from " + ALL_PATHS);
            }
        }
        return new Settings(quick, stores, paths, messages != null ? messages : quick ? 20_000 : 200_000, batch, consumers, claimers,
                rate, steadySeconds != null ? steadySeconds : quick ? 3 : 20, idleSeconds != null ? idleSeconds : quick ? 5 : 30,
                quick ? 2 : 5, drainTimeout != null ? drainTimeout : quick ? 15 : 60, jfr, runs, dsn, report, "bench/run.sh " + String.join(" ", args));
    }

    public boolean runs(String path) {
        return paths.contains(path);
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
