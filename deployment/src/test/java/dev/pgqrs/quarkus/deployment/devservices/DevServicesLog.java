package dev.pgqrs.quarkus.deployment.devservices;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** What the Dev Services classes logged at INFO or above, formatted. */
final class DevServicesLog {
    private DevServicesLog() {
    }

    static boolean isDevServices(LogRecord r) {
        return r.getLoggerName() != null && r.getLoggerName().startsWith("dev.pgqrs.quarkus.deployment.devservices")
                && r.getLevel().intValue() >= Level.INFO.intValue();
    }

    static List<String> messages(List<LogRecord> records) {
        return records.stream().map(r -> r.getParameters() == null ? r.getMessage()
                : String.format(r.getMessage(), r.getParameters())).toList();
    }
}
