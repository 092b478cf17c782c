package dev.pgqrs.internal;

import dev.pgqrs.error.InvalidArgumentException;
import dev.pgqrs.error.InvalidQueueNameException;
import java.util.regex.Pattern;

/** The naming rules for queues, workers and schemas, checked once before any SQL sees a name. */
public final class Names {

    /** Stated in error messages and the docs. */
    public static final String QUEUE_NAME_RULE = "1 to 128 characters: a letter first, then letters, digits, '_', '-' or '.'";

    public static final String SCHEMA_NAME_RULE = "1 to 57 characters: a letter or '_' first, then letters, digits or '_'";

    private static final Pattern QUEUE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,127}");
    private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,56}");

    private Names() {
    }

    public static String requireQueueName(String name) {
        if (name == null || !QUEUE.matcher(name).matches()) {
            throw new InvalidQueueNameException("Invalid queue name " + quote(name) + ". A queue name has "
                    + QUEUE_NAME_RULE + ", for example 'orders' or 'billing.invoices-v2'.");
        }
        return name;
    }

    public static String requireWorkerName(String name) {
        if (name == null || name.isBlank() || name.length() > 255) {
            throw new InvalidArgumentException("Invalid worker name " + quote(name)
                    + ". A worker name is 1 to 255 characters and not blank, for example 'billing-host1-1'.");
        }
        return name;
    }

    /**
     * Schemas are the one identifier that must appear in SQL text (tables are qualified with it), so it
     * is validated strictly and always quoted.
     */
    public static String requireSchemaName(String name) {
        if (name == null || !SCHEMA.matcher(name).matches()) {
            throw new InvalidArgumentException("Invalid schema name " + quote(name) + ". A schema name has "
                    + SCHEMA_NAME_RULE + ", for example 'public' or 'pgqrs'.");
        }
        return name;
    }

    private static String quote(String name) {
        return name == null ? "null" : "'" + name + "'";
    }
}
