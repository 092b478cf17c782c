package dev.pgqrs.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One measured figure. {@code path} is {@code raw}, {@code core}, {@code connector}, {@code ceiling}
 * (SmallRye in-memory) or {@code rabbitmq}; {@code consumer} is {@code worker}, {@code nonblocking},
 * {@code batch}, {@code loop} (a hand-written receive loop) or {@code emitter}/{@code producer} for
 * produce figures. Ratios are filled in once every result of the run is known.
 */
public final class Result {
    public final String store;
    public final String path;
    public final String consumer;
    public final String scenario;
    public final double msgsPerS;
    public final double p50Ms;
    public final double p99Ms;
    public final double maxMs;
    public final Map<String, String> extras = new LinkedHashMap<>();
    public double ratioToRaw = Double.NaN;
    public double ratioToCeiling = Double.NaN;
    public double ratioToRabbitmq = Double.NaN;

    public Result(String store, String path, String consumer, String scenario, double msgsPerS, double p50Ms, double p99Ms,
            double maxMs) {
        this.store = store;
        this.path = path;
        this.consumer = consumer;
        this.scenario = scenario;
        this.msgsPerS = msgsPerS;
        this.p50Ms = p50Ms;
        this.p99Ms = p99Ms;
        this.maxMs = maxMs;
    }

    public static Result throughput(String store, String path, String consumer, String scenario, double msgsPerS) {
        return new Result(store, path, consumer, scenario, msgsPerS, Double.NaN, Double.NaN, Double.NaN);
    }

    public Result with(String key, Object value) {
        extras.put(key, String.valueOf(value));
        return this;
    }

    public String key() {
        return store + "/" + path + "/" + consumer + "/" + scenario;
    }

    /** The line the issue asks for, plus extra fields (max_ms, heap, statements) at the end. */
    public String line() {
        StringBuilder b = new StringBuilder("RESULT");
        b.append(" store=").append(store).append(" path=").append(path).append(" consumer=").append(consumer)
                .append(" scenario=").append(scenario).append(" msgs_per_s=").append(fmt(msgsPerS, 0))
                .append(" p50_ms=").append(fmt(p50Ms, 2)).append(" p99_ms=").append(fmt(p99Ms, 2))
                .append(" ratio_to_raw=").append(fmt(ratioToRaw, 2)).append(" ratio_to_ceiling=").append(fmt(ratioToCeiling, 2))
                .append(" ratio_to_rabbitmq=").append(fmt(ratioToRabbitmq, 2));
        if (!Double.isNaN(maxMs)) {
            b.append(" max_ms=").append(fmt(maxMs, 2));
        }
        extras.forEach((k, v) -> b.append(' ').append(k).append('=').append(v.replace(' ', '_')));
        return b.toString();
    }

    /** Parses a line written by {@link #line()} (the Quarkus application prints them to its standard output). */
    public static Result parse(String line) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String token : line.trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                f.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        Result r = new Result(f.remove("store"), f.remove("path"), f.remove("consumer"), f.remove("scenario"),
                num(f.remove("msgs_per_s")), num(f.remove("p50_ms")), num(f.remove("p99_ms")), num(f.remove("max_ms")));
        f.remove("ratio_to_raw");
        f.remove("ratio_to_ceiling");
        f.remove("ratio_to_rabbitmq");
        r.extras.putAll(f);
        return r;
    }

    public static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static double num(String s) {
        return s == null || s.equals("-") ? Double.NaN : Double.parseDouble(s);
    }
}
