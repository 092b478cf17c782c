package dev.pgqrs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine and the databases, as the report states them. */
public final class Environment {
    final Map<String, String> facts = new LinkedHashMap<>();

    void captureMachine() {
        facts.put("CPUs (nproc)", String.valueOf(Runtime.getRuntime().availableProcessors()));
        facts.put("CPU model", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        if (!mem.isEmpty()) {
            long kb = Long.parseLong(mem.replaceAll("[^0-9]", ""));
            facts.put("memory", (kb / 1024 / 1024) + " GiB");
        }
        facts.put("load average at start", read(Path.of("/proc/loadavg")).split(" ", 4).length >= 3
                ? String.join(" ", java.util.Arrays.copyOf(read(Path.of("/proc/loadavg")).split(" "), 3)) : "?");
        facts.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        facts.put("JVM options", String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        facts.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    void postgres(BenchPostgres pg) throws SQLException {
        Map<String, String> s = pg.settings();
        facts.put("PostgreSQL", pg.label() + ", version " + s.remove("server_version"));
        StringBuilder b = new StringBuilder();
        s.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        facts.put("PostgreSQL settings", b.toString());
    }

    void put(String key, String value) {
        facts.put(key, value);
    }

    private static String firstValue(Path file, String key) {
        for (String line : read(file).split("\n")) {
            if (line.startsWith(key)) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
