package dev.pgqrs.sqlite;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pgqrs.DeadLetter;
import dev.pgqrs.Message;
import dev.pgqrs.QueueInfo;
import dev.pgqrs.Receipt;
import dev.pgqrs.internal.Json;
import dev.pgqrs.spi.EncodedMessage;
import dev.pgqrs.spi.MessageStore;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Messages in SQLite. Every operation is one statement under the process's writer lock; batches of
 * messages, receipts or ids travel as one JSON array parameter, so a batch of any size is one
 * statement and one commit.
 */
final class SqliteMessageStore implements MessageStore {
    private final SqliteDatabase db;

    SqliteMessageStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public List<Long> insert(QueueInfo queue, List<EncodedMessage> batch, Long producerWorkerId) {
        String rows = json(g -> {
            for (EncodedMessage m : batch) {
                g.writeStartArray();
                g.writeString(m.payloadJson());
                g.writeString(m.headersJson());
                g.writeNumber(m.delayMillis());
                g.writeString(m.deliverAt() == null ? null : SqliteTime.format(m.deliverAt()));
                g.writeEndArray();
            }
        });
        return db.write("enqueue " + batch.size() + " message(s) into queue '" + queue.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(SqliteSql.INSERT_MESSAGES)) {
                ps.setLong(1, queue.id());
                setNullableLong(ps, 2, producerWorkerId);
                ps.setString(3, rows);
                List<Long> ids = new ArrayList<>(batch.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                // Rows are inserted in the array's order and ids only grow, so sorted ids match the batch.
                ids.sort(null);
                return ids;
            }
        });
    }

    @Override
    public List<Message> claim(QueueInfo queue, int limit, Duration visibility, Long consumerWorkerId, String deadReason) {
        return db.write("claim messages from queue '" + queue.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(SqliteSql.CLAIM)) {
                ps.setLong(1, queue.id());
                ps.setInt(2, limit);
                ps.setLong(3, visibility.toMillis());
                setNullableLong(ps, 4, consumerWorkerId);
                ps.setString(5, deadReason);
                List<Message> out = new ArrayList<>(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getInt(7) == 0) {
                            out.add(new Message(rs.getLong(1), queue.name(), rs.getString(2), Json.decodeHeaders(rs.getString(3)),
                                    rs.getInt(4), SqliteTime.parse(rs.getString(5)), SqliteTime.parse(rs.getString(6))));
                        }
                    }
                }
                // RETURNING has no defined order; hand messages over in enqueue order.
                out.sort(Comparator.comparingLong(Message::id));
                return out;
            }
        });
    }

    @Override
    public Set<Long> extend(QueueInfo queue, Collection<Receipt> receipts, Duration visibility) {
        return fenced("extend the lease of", queue, receipts, SqliteSql.EXTEND, ps -> ps.setLong(3, visibility.toMillis()));
    }

    @Override
    public Set<Long> archive(QueueInfo queue, Collection<Receipt> receipts) {
        return fenced("archive", queue, receipts, SqliteSql.ARCHIVE, ps -> { });
    }

    @Override
    public Set<Long> delete(QueueInfo queue, Collection<Receipt> receipts) {
        return fenced("delete", queue, receipts, SqliteSql.DELETE, ps -> { });
    }

    @Override
    public Set<Long> deadLetter(QueueInfo queue, Collection<Receipt> receipts, String reason) {
        return fenced("dead-letter", queue, receipts, SqliteSql.DEAD_LETTER, ps -> ps.setString(3, reason));
    }

    @Override
    public Map<Long, Boolean> release(QueueInfo queue, Collection<Receipt> receipts, Duration delay, String deadReason) {
        String json = receiptsJson(receipts);
        return db.write("release messages of queue '" + queue.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(SqliteSql.RELEASE)) {
                ps.setString(1, json);
                ps.setLong(2, queue.id());
                ps.setLong(3, delay.toMillis());
                ps.setString(4, deadReason);
                Map<Long, Boolean> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getInt(2) == 1);
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<DeadLetter> deadLetters(QueueInfo queue, long afterId, int limit) {
        return db.read("list dead letters of queue '" + queue.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(SqliteSql.DEAD_LETTERS)) {
                ps.setLong(1, queue.id());
                ps.setLong(2, afterId);
                ps.setInt(3, limit);
                List<DeadLetter> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DeadLetter(rs.getLong(1), queue.name(), rs.getString(2), Json.decodeHeaders(rs.getString(3)),
                                rs.getInt(4), SqliteTime.parse(rs.getString(5)), SqliteTime.parse(rs.getString(6)), rs.getString(7)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public long replayDeadLetters(QueueInfo queue, Collection<Long> ids) {
        String idsJson = ids.isEmpty() ? null : json(g -> {
            for (Long id : ids) {
                g.writeNumber(id);
            }
        });
        return db.write("replay dead letters of queue '" + queue.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(idsJson == null ? SqliteSql.REPLAY_ALL : SqliteSql.REPLAY_SOME)) {
                ps.setLong(1, queue.id());
                if (idsJson != null) {
                    ps.setString(2, idsJson);
                }
                return (long) ps.executeUpdate();
            }
        });
    }

    @Override
    public long purgeDeadLetters(QueueInfo queue) {
        return db.write("purge dead letters of queue '" + queue.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(SqliteSql.PURGE_DEAD_LETTERS)) {
                ps.setLong(1, queue.id());
                return (long) ps.executeUpdate();
            }
        });
    }

    @Override
    public long purgeArchive(QueueInfo queue, Duration olderThan) {
        return db.write("purge archived messages", c -> {
            try (PreparedStatement ps = c.prepareStatement(queue == null ? SqliteSql.PURGE_ARCHIVE : SqliteSql.PURGE_ARCHIVE_OF_QUEUE)) {
                ps.setLong(1, olderThan.toMillis());
                if (queue != null) {
                    ps.setLong(2, queue.id());
                }
                return (long) ps.executeUpdate();
            }
        });
    }

    @Override
    public long releaseHeldBy(long workerId) {
        return db.write("release the messages of worker " + workerId, c -> {
            try (PreparedStatement ps = c.prepareStatement(SqliteSql.RELEASE_HELD_BY)) {
                ps.setLong(1, workerId);
                return (long) ps.executeUpdate();
            }
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Runs a receipt-fenced statement: 1 the receipts, 2 the queue id, then whatever {@code extra} binds. */
    private Set<Long> fenced(String verb, QueueInfo queue, Collection<Receipt> receipts, String sql, Binder extra) {
        String json = receiptsJson(receipts);
        return db.write(verb + " " + receipts.size() + " message(s) of queue '" + queue.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, json);
                ps.setLong(2, queue.id());
                extra.bind(ps);
                Set<Long> done = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        done.add(rs.getLong(1));
                    }
                }
                return done;
            }
        });
    }

    private static String receiptsJson(Collection<Receipt> receipts) {
        return json(g -> {
            for (Receipt r : receipts) {
                g.writeStartArray();
                g.writeNumber(r.messageId());
                g.writeNumber(r.readCount());
                g.writeEndArray();
            }
        });
    }

    @FunctionalInterface
    private interface Elements {
        void write(JsonGenerator g) throws IOException;
    }

    /** A JSON array whose elements {@code elements} writes. */
    private static String json(Elements elements) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartArray();
            elements.write(g);
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode a batch as JSON", e);
        }
        return out.toString();
    }

    private static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
