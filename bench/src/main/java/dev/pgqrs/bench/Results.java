package dev.pgqrs.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Medians over runs, and the ratios that relate each result to its baselines. */
public final class Results {
    private Results() {
    }

    /** Per result key, the run with the median throughput (its latencies and extras kept together). */
    public static List<Result> medians(List<List<Result>> runs) {
        Map<String, List<Result>> byKey = new LinkedHashMap<>();
        for (List<Result> run : runs) {
            for (Result r : run) {
                byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Result> out = new ArrayList<>();
        for (List<Result> same : byKey.values()) {
            if (same.size() == 1) {
                out.add(same.get(0));
                continue;
            }
            boolean steady = same.get(0).scenario.equals("steady");
            ToDoubleFunction<Result> by = steady ? r -> r.p99Ms : r -> r.msgsPerS;
            List<Result> sorted = new ArrayList<>(same);
            sorted.sort(Comparator.comparingDouble(by));
            Result median = sorted.get(sorted.size() / 2);
            StringBuilder all = new StringBuilder();
            for (Result r : same) {
                all.append(all.length() == 0 ? "" : "/").append(Result.fmt(by.applyAsDouble(r), steady ? 2 : 0));
            }
            median.with("runs", all);
            out.add(median);
        }
        return out;
    }

    public static void fillRatios(List<Result> results) {
        for (Result r : results) {
            if (r.path.equals("raw") || r.scenario.equals("idle") || r.scenario.equals("steady")) {
                continue;
            }
            r.ratioToRaw = ratio(r, find(results, r.store, "raw", "loop", r.scenario));
            if (!r.store.equals("memory")) {
                r.ratioToCeiling = ratio(r, find(results, "memory", "connector", framework(r.consumer), r.scenario));
            }
            if (!r.store.equals("rabbitmq")) {
                r.ratioToRabbitmq = ratio(r, find(results, "rabbitmq", "connector", framework(r.consumer), r.scenario));
            }
        }
    }

    /** Core loops compare with the fastest framework consumer kind; producers with the Emitter. */
    private static String framework(String consumer) {
        return switch (consumer) {
            case "loop" -> "nonblocking";
            case "producer" -> "emitter";
            default -> consumer;
        };
    }

    private static double ratio(Result r, Result base) {
        return base == null || base.msgsPerS <= 0 ? Double.NaN : r.msgsPerS / base.msgsPerS;
    }

    private static Result find(List<Result> results, String store, String path, String consumer, String scenario) {
        String producerScenario = "drain-produce";
        for (Result r : results) {
            boolean consumerMatches = r.consumer.equals(consumer)
                    || scenario.equals(producerScenario) && (r.consumer.equals("loop") || r.consumer.equals("emitter"));
            if (r.store.equals(store) && r.path.equals(path) && consumerMatches && r.scenario.equals(scenario)) {
                return r;
            }
        }
        return null;
    }
}
