package dev.pgqrs.postgres;

import dev.pgqrs.Admin;
import dev.pgqrs.QueueInfo;
import dev.pgqrs.QueueMetrics;
import dev.pgqrs.error.QueueAlreadyExistsException;
import dev.pgqrs.jdbc.Jdbc;
import dev.pgqrs.spi.QueueStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class PostgresQueueStore implements QueueStore {
    private final Jdbc jdbc;
    private final String queues;
    private final String messages;
    private final String workers;

    PostgresQueueStore(Jdbc jdbc, String schema) {
        this.jdbc = jdbc;
        this.queues = schema + ".pgqrs_queues";
        this.messages = schema + ".pgqrs_messages";
        this.workers = schema + ".pgqrs_workers";
    }

    private String columns() {
        return "id, queue_name, COALESCE(max_read_ct, " + Admin.DEFAULT_MAX_READ_COUNT + "), created_at";
    }

    static QueueInfo map(ResultSet rs) throws SQLException {
        return new QueueInfo(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant());
    }

    @Override
    public QueueInfo create(String name, int maxReadCount) {
        return jdbc.call("create queue '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + queues + " (queue_name, max_read_ct) VALUES (?, ?) "
                    + "ON CONFLICT (queue_name) DO NOTHING RETURNING " + columns())) {
                ps.setString(1, name);
                ps.setInt(2, maxReadCount);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new QueueAlreadyExistsException(name);
                    }
                    return map(rs);
                }
            }
        });
    }

    @Override
    public Optional<QueueInfo> find(String name) {
        return jdbc.call("look up queue '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + columns() + " FROM " + queues + " WHERE queue_name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<QueueInfo> list() {
        return jdbc.call("list queues", c -> {
            List<QueueInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + columns() + " FROM " + queues + " ORDER BY queue_name");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        });
    }

    @Override
    public boolean setMaxReadCount(long queueId, int maxReadCount) {
        return jdbc.call("change the max read count of queue " + queueId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + queues + " SET max_read_ct = ? WHERE id = ?")) {
                ps.setInt(1, maxReadCount);
                ps.setLong(2, queueId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public long delete(QueueInfo queue, boolean force) {
        return jdbc.transaction("delete queue '" + queue.name() + "'", c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM " + queues + " WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, queue.id());
                lock.executeQuery().close();
            }
            if (!force) {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + messages
                        + " WHERE queue_id = ? AND archived_at IS NULL AND dequeued_at IS NOT NULL AND vt > now()")) {
                    ps.setLong(1, queue.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        long inFlight = rs.getLong(1);
                        if (inFlight > 0) {
                            return inFlight;
                        }
                    }
                }
            }
            for (String sql : List.of("DELETE FROM " + messages + " WHERE queue_id = ?",
                    "UPDATE " + workers + " SET queue_id = NULL WHERE queue_id = ?",
                    "DELETE FROM " + queues + " WHERE id = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, queue.id());
                    ps.executeUpdate();
                }
            }
            return 0L;
        });
    }

    @Override
    public long purge(QueueInfo queue) {
        return jdbc.call("purge queue '" + queue.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + messages + " WHERE queue_id = ?")) {
                ps.setLong(1, queue.id());
                return (long) ps.executeUpdate();
            }
        });
    }

    @Override
    public QueueMetrics metrics(QueueInfo queue) {
        return jdbc.call("read the metrics of queue '" + queue.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT "
                    + "count(*) FILTER (WHERE archived_at IS NULL AND vt <= now()), "
                    + "count(*) FILTER (WHERE archived_at IS NULL AND vt > now() AND dequeued_at IS NOT NULL), "
                    + "count(*) FILTER (WHERE archived_at IS NULL AND vt > now() AND dequeued_at IS NULL), "
                    + "count(*) FILTER (WHERE dead_at IS NOT NULL), "
                    + "count(*) FILTER (WHERE archived_at IS NOT NULL AND dead_at IS NULL), "
                    + "(extract(epoch FROM now() - min(vt) FILTER (WHERE archived_at IS NULL AND vt <= now())) * 1000)::bigint "
                    + "FROM " + messages + " WHERE queue_id = ?")) {
                ps.setLong(1, queue.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long oldest = rs.getLong(6);
                    Duration age = rs.wasNull() ? null : Duration.ofMillis(oldest);
                    return new QueueMetrics(queue.name(), rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), age);
                }
            }
        });
    }
}
