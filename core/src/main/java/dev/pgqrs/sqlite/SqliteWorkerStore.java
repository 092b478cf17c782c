package dev.pgqrs.sqlite;

import dev.pgqrs.QueueInfo;
import dev.pgqrs.WorkerInfo;
import dev.pgqrs.WorkerState;
import dev.pgqrs.error.WorkerStateException;
import dev.pgqrs.spi.WorkerStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class SqliteWorkerStore implements WorkerStore {
    private final SqliteDatabase db;

    SqliteWorkerStore(SqliteDatabase db) {
        this.db = db;
    }

    private static WorkerInfo map(ResultSet rs) throws SQLException {
        return new WorkerInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                WorkerState.fromColumn(rs.getString(6)), SqliteTime.parse(rs.getString(7)), SqliteTime.parse(rs.getString(8)));
    }

    @Override
    public WorkerInfo insert(String name, QueueInfo queue, String hostname, long pid) {
        long id = db.write("register worker '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(SqliteSql.INSERT_WORKER)) {
                ps.setString(1, name);
                if (queue == null) {
                    ps.setNull(2, Types.BIGINT);
                } else {
                    ps.setLong(2, queue.id());
                }
                ps.setString(3, hostname);
                ps.setLong(4, pid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new WorkerStateException("Worker name '" + name + "' was registered by someone else just now. "
                                + "Choose another name.");
                    }
                    return rs.getLong(1);
                }
            }
        });
        return find(id).orElseThrow();
    }

    @Override
    public Optional<WorkerInfo> find(String name) {
        return one("look up worker '" + name + "'", SqliteSql.SELECT_WORKERS + " WHERE w.name = ?", name);
    }

    @Override
    public Optional<WorkerInfo> find(long id) {
        return one("look up worker " + id, SqliteSql.SELECT_WORKERS + " WHERE w.id = ?", id);
    }

    private Optional<WorkerInfo> one(String operation, String sql, Object key) {
        return db.read(operation, c -> {
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
        return many("list workers", SqliteSql.SELECT_WORKERS + " ORDER BY w.id", null);
    }

    @Override
    public List<WorkerInfo> stale(Duration olderThan) {
        return many("list stale workers", SqliteSql.STALE_WORKERS, olderThan.toMillis());
    }

    private List<WorkerInfo> many(String operation, String sql, Long param) {
        return db.read(operation, c -> {
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
        return db.write("heartbeat worker " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(SqliteSql.HEARTBEAT)) {
                ps.setLong(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean compareAndSetState(long id, WorkerState expected, WorkerState next) {
        return db.write("move worker " + id + " to " + next.columnValue(), c -> {
            try (PreparedStatement ps = c.prepareStatement(SqliteSql.SET_WORKER_STATE)) {
                ps.setString(1, next.columnValue());
                ps.setInt(2, next == WorkerState.STOPPED ? 1 : 0);
                ps.setLong(3, id);
                ps.setString(4, expected.columnValue());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean revive(long id, String hostname, long pid) {
        return db.write("restart worker " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(SqliteSql.REVIVE_WORKER)) {
                ps.setString(1, hostname);
                ps.setLong(2, pid);
                ps.setLong(3, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(long id) {
        return db.immediateTransaction("delete worker " + id, c -> {
            int deleted = 0;
            for (String sql : SqliteSql.DELETE_WORKER) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, id);
                    deleted = ps.executeUpdate();
                }
            }
            return deleted == 1;
        });
    }
}
