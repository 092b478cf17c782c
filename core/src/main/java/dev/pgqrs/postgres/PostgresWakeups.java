package dev.pgqrs.postgres;

import dev.pgqrs.internal.LocalWakeups;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * LISTEN/NOTIFY wake-ups. One dedicated connection listens (it counts against the server's
 * max_connections); a daemon thread turns notifications into local signals. Losing the connection
 * only costs latency: consumers keep polling, and after reconnecting every queue is signalled once in
 * case a notification was missed.
 */
final class PostgresWakeups extends LocalWakeups {
    private static final Logger LOG = Logger.getLogger(PostgresWakeups.class);

    private final String channel;
    private final Supplier<Connection> connections;
    private final String description;
    private final java.util.Set<String> knownQueues = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private Thread thread;

    PostgresWakeups(String channel, Supplier<Connection> connections, String description) {
        this.channel = channel;
        this.connections = connections;
        this.description = description;
    }

    @Override
    public synchronized Subscription subscribe(String queue, Runnable listener) {
        knownQueues.add(queue);
        Subscription s = super.subscribe(queue, listener);
        if (thread == null && !closed) {
            thread = new Thread(this::listenLoop, "pgqrs-listen-" + channel);
            thread.setDaemon(true);
            thread.start();
        }
        return s;
    }

    @Override
    public void published(String queue) {
        // The insert transaction sent a NOTIFY; the listener thread delivers it, here and elsewhere.
    }

    private void listenLoop() {
        long retryMillis = 100;
        while (!closed) {
            try (Connection c = connections.get()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN \"" + channel + "\"");
                }
                retryMillis = 100;
                knownQueues.forEach(this::signal);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(500);
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            signal(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warnf("pgqrs lost its LISTEN connection to %s (%s); consumers fall back to polling, retrying in %d ms",
                        description, e.getMessage(), retryMillis);
                try {
                    Thread.sleep(retryMillis);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                retryMillis = Math.min(5_000, retryMillis * 2);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.close();
    }
}
