package dev.pgqrs.sqlite;

import dev.pgqrs.QueueInfo;
import dev.pgqrs.QueueMetrics;
import dev.pgqrs.error.QueueAlreadyExistsException;
import dev.pgqrs.spi.QueueStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class SqliteQueueStore implements QueueStore {
    private final SqliteDatabase db;

    SqliteQueueStore(SqliteDatabase db) {
        this.db = db;
    }

    private static QueueInfo map(ResultSet rs) throws SQLException {
        return new QueueInfo(rs.getLong(1), rs.getString(2), rs.getInt(3), SqliteTime.parse(rs.getString(4)));
    }

    @Override
    public QueueInfo create(String name, int maxReadCount) {
        return db.write("create queue '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(SqliteSql.CREATE_QUEUE)) {
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
        return db.read("look up queue '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(SqliteSql.FIND_QUEUE)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<QueueInfo> list() {
        return db.read("list queues", c -> {
            List<QueueInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SqliteSql.LIST_QUEUES); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        });
    }

    @Override
    public boolean setMaxReadCount(long queueId, int maxReadCount) {
        return db.write("change the max read count of queue " + queueId, c -> {
            try (PreparedStatement ps = c.prepareStatement(SqliteSql.SET_MAX_READ_COUNT)) {
                ps.setInt(1, maxReadCount);
                ps.setLong(2, queueId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public long delete(QueueInfo queue, boolean force) {
        return db.immediateTransaction("delete queue '" + queue.name() + "'", c -> {
            if (!force) {
                try (PreparedStatement ps = c.prepareStatement(SqliteSql.COUNT_IN_FLIGHT)) {
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
            for (String sql : SqliteSql.DELETE_QUEUE) {
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
        return db.write("purge queue '" + queue.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(SqliteSql.PURGE_QUEUE)) {
                ps.setLong(1, queue.id());
                return (long) ps.executeUpdate();
            }
        });
    }

    @Override
    public QueueMetrics metrics(QueueInfo queue) {
        return db.read("read the metrics of queue '" + queue.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(SqliteSql.QUEUE_METRICS)) {
                ps.setLong(1, queue.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long oldest = rs.getLong(6);
                    Duration age = rs.wasNull() ? null : Duration.ofMillis(Math.max(0, oldest));
                    return new QueueMetrics(queue.name(), rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), age);
                }
            }
        });
    }
}
