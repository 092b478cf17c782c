package dev.pgqrs.postgres;

import dev.pgqrs.QueueInfo;
import dev.pgqrs.WorkerInfo;
import dev.pgqrs.WorkerState;
import dev.pgqrs.jdbc.Jdbc;
import dev.pgqrs.spi.WorkerStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class PostgresWorkerStore implements WorkerStore {
    private final Jdbc jdbc;
    private final String schema;
    private final String workers;
    private final String select;

    PostgresWorkerStore(Jdbc jdbc, String schema) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.workers = schema + ".pgqrs_workers";
        this.select = "SELECT w.id, w.name, q.queue_name, w.hostname, w.pid, w.status::text, w.started_at, w.heartbeat_at FROM "
                + workers + " w LEFT JOIN " + schema + ".pgqrs_queues q ON q.id = w.queue_id";
    }

    private static WorkerInfo map(ResultSet rs) throws SQLException {
        return new WorkerInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                WorkerState.fromColumn(rs.getString(6)), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant());
    }

    @Override
    public WorkerInfo insert(String name, QueueInfo queue, String hostname, long pid) {
        long id = jdbc.call("register worker '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + workers
                    + " (name, queue_id, hostname, pid, status) VALUES (?, ?, ?, ?, 'ready') RETURNING id")) {
                ps.setString(1, name);
                if (queue == null) {
                    ps.setNull(2, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(2, queue.id());
                }
                ps.setString(3, hostname);
                ps.setLong(4, pid);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return find(id).orElseThrow();
    }

    @Override
    public Optional<WorkerInfo> find(String name) {
        return one("look up worker '" + name + "'", select + " WHERE w.name = ?", name);
    }

    @Override
    public Optional<WorkerInfo> find(long id) {
        return one("look up worker " + id, select + " WHERE w.id = ?", id);
    }

    private Optional<WorkerInfo> one(String operation, String sql, Object key) {
        return jdbc.call(operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<WorkerInfo> list() {
        return many("list workers", select + " ORDER BY w.id", null);
    }

    @Override
    public List<WorkerInfo> stale(Duration olderThan) {
        return many("list stale workers", select + " WHERE w.status <> 'stopped' AND w.heartbeat_at < now() - ? * interval '1 millisecond'"
                + " ORDER BY w.heartbeat_at", olderThan.toMillis());
    }

    private List<WorkerInfo> many(String operation, String sql, Long param) {
        return jdbc.call(operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (param != null) {
                    ps.setLong(1, param);
                }
                List<WorkerInfo> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public boolean heartbeat(long id) {
        return update("heartbeat worker " + id, "UPDATE " + workers + " SET heartbeat_at = now() WHERE id = ? AND status <> 'stopped'", id);
    }

    @Override
    public boolean compareAndSetState(long id, WorkerState expected, WorkerState next) {
        return jdbc.call("move worker " + id + " to " + next.columnValue(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + workers + " SET status = ?::" + schema + ".worker_status, "
                    + "shutdown_at = CASE WHEN ? THEN now() ELSE shutdown_at END WHERE id = ? AND status = ?::" + schema + ".worker_status")) {
                ps.setString(1, next.columnValue());
                ps.setBoolean(2, next == WorkerState.STOPPED);
                ps.setLong(3, id);
                ps.setString(4, expected.columnValue());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean revive(long id, String hostname, long pid) {
        return jdbc.call("restart worker " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + workers + " SET status = 'ready', started_at = now(), "
                    + "heartbeat_at = now(), shutdown_at = NULL, hostname = ?, pid = ? WHERE id = ? AND status = 'stopped'")) {
                ps.setString(1, hostname);
                ps.setLong(2, pid);
                ps.setLong(3, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(long id) {
        return jdbc.transaction("delete worker " + id, c -> {
            for (String column : List.of("producer_worker_id", "consumer_worker_id")) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + schema + ".pgqrs_messages SET " + column + " = NULL WHERE "
                        + column + " = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + workers + " WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private boolean update(String operation, String sql, long id) {
        return jdbc.call(operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
