package dev.pgqrs.sqlite;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pgqrs.AckMode;
import dev.pgqrs.DeadLetter;
import dev.pgqrs.Message;
import dev.pgqrs.QueueInfo;
import dev.pgqrs.Receipt;
import dev.pgqrs.internal.Json;
import dev.pgqrs.internal.Rows;
import dev.pgqrs.internal.SqlExecutor;
import dev.pgqrs.internal.Stmt;
import dev.pgqrs.spi.AckedClaim;
import dev.pgqrs.spi.EncodedMessage;
import dev.pgqrs.spi.MessageStore;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Messages in the SQLite dialect, for the SQLite and the Turso store alike. Every operation is one
 * statement (an acknowledgement with the next claim: one transaction); batches of messages, receipts or ids travel as one JSON array parameter, so a batch of
 * any size is one statement, one commit and, over Turso, one HTTP request.
 */
final class SqliteMessageStore implements MessageStore {
    private final SqlExecutor sql;

    SqliteMessageStore(SqlExecutor sql) {
        this.sql = sql;
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
        Rows inserted = sql.write("enqueue " + batch.size() + " message(s) into queue '" + queue.name() + "'",
                Stmt.of(SqliteSql.INSERT_MESSAGES, queue.id(), producerWorkerId, rows));
        List<Long> ids = firstColumn(inserted);
        // Rows are inserted in the array's order and ids only grow, so sorted ids match the batch.
        ids.sort(null);
        return ids;
    }

    @Override
    public List<Message> claim(QueueInfo queue, int limit, Duration visibility, Long consumerWorkerId, String deadReason) {
        return claimed(queue, sql.write("claim messages from queue '" + queue.name() + "'",
                claimStatement(queue, limit, visibility, consumerWorkerId, deadReason)));
    }

    @Override
    public AckedClaim ackAndClaim(QueueInfo queue, Collection<Receipt> acks, AckMode mode, int limit, Duration visibility,
            Long consumerWorkerId, String deadReason) {
        // The acknowledgement runs first, so the claim cannot pick up a message being acknowledged.
        List<Rows> results = sql.transaction("acknowledge " + acks.size() + " message(s) and claim more from queue '"
                + queue.name() + "'", List.of(
                        new Stmt(mode == AckMode.DELETE ? SqliteSql.DELETE : SqliteSql.ARCHIVE, List.of(receiptsJson(acks), queue.id())),
                        claimStatement(queue, limit, visibility, consumerWorkerId, deadReason)));
        return new AckedClaim(ids(results.get(0)), claimed(queue, results.get(1)));
    }

    private static Stmt claimStatement(QueueInfo queue, int limit, Duration visibility, Long consumerWorkerId, String deadReason) {
        return Stmt.of(SqliteSql.CLAIM, queue.id(), limit, visibility.toMillis(), consumerWorkerId, deadReason);
    }

    /** The messages a claim returned (its dead-lettered rows left out), in enqueue order. */
    private static List<Message> claimed(QueueInfo queue, Rows rows) {
        List<Message> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.getBoolean(i, 6)) {
                out.add(new Message(rows.getLong(i, 0), queue.name(), rows.getString(i, 1), Json.decodeHeaders(rows.getString(i, 2)),
                        rows.getInt(i, 3), SqliteTime.parse(rows.getString(i, 4)), SqliteTime.parse(rows.getString(i, 5))));
            }
        }
        // RETURNING has no defined order; hand messages over in enqueue order.
        out.sort(Comparator.comparingLong(Message::id));
        return out;
    }

    @Override
    public Set<Long> extend(QueueInfo queue, Collection<Receipt> receipts, Duration visibility) {
        return ids(fenced("extend the lease of", queue, receipts, SqliteSql.EXTEND, visibility.toMillis()));
    }

    @Override
    public Set<Long> archive(QueueInfo queue, Collection<Receipt> receipts) {
        return ids(fenced("archive", queue, receipts, SqliteSql.ARCHIVE));
    }

    @Override
    public Set<Long> delete(QueueInfo queue, Collection<Receipt> receipts) {
        return ids(fenced("delete", queue, receipts, SqliteSql.DELETE));
    }

    @Override
    public Set<Long> deadLetter(QueueInfo queue, Collection<Receipt> receipts, String reason) {
        return ids(fenced("dead-letter", queue, receipts, SqliteSql.DEAD_LETTER, reason));
    }

    @Override
    public Map<Long, Boolean> release(QueueInfo queue, Collection<Receipt> receipts, Duration delay, String deadReason) {
        Rows rows = fenced("release", queue, receipts, SqliteSql.RELEASE, delay.toMillis(), deadReason);
        Map<Long, Boolean> out = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            out.put(rows.getLong(i, 0), rows.getBoolean(i, 1));
        }
        return out;
    }

    @Override
    public List<DeadLetter> deadLetters(QueueInfo queue, long afterId, int limit) {
        Rows rows = sql.query("list dead letters of queue '" + queue.name() + "'",
                Stmt.of(SqliteSql.DEAD_LETTERS, queue.id(), afterId, limit));
        List<DeadLetter> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(new DeadLetter(rows.getLong(i, 0), queue.name(), rows.getString(i, 1), Json.decodeHeaders(rows.getString(i, 2)),
                    rows.getInt(i, 3), SqliteTime.parse(rows.getString(i, 4)), SqliteTime.parse(rows.getString(i, 5)),
                    rows.getString(i, 6)));
        }
        return out;
    }

    @Override
    public long replayDeadLetters(QueueInfo queue, Collection<Long> ids) {
        String operation = "replay dead letters of queue '" + queue.name() + "'";
        if (ids.isEmpty()) {
            return sql.update(operation, Stmt.of(SqliteSql.REPLAY_ALL, queue.id()));
        }
        String idsJson = json(g -> {
            for (Long id : ids) {
                g.writeNumber(id);
            }
        });
        return sql.update(operation, Stmt.of(SqliteSql.REPLAY_SOME, queue.id(), idsJson));
    }

    @Override
    public long purgeDeadLetters(QueueInfo queue) {
        return sql.update("purge dead letters of queue '" + queue.name() + "'", Stmt.of(SqliteSql.PURGE_DEAD_LETTERS, queue.id()));
    }

    @Override
    public long purgeArchive(QueueInfo queue, Duration olderThan) {
        return sql.update("purge archived messages", queue == null
                ? Stmt.of(SqliteSql.PURGE_ARCHIVE, olderThan.toMillis())
                : Stmt.of(SqliteSql.PURGE_ARCHIVE_OF_QUEUE, olderThan.toMillis(), queue.id()));
    }

    @Override
    public long releaseHeldBy(long workerId) {
        return sql.update("release the messages of worker " + workerId, Stmt.of(SqliteSql.RELEASE_HELD_BY, workerId));
    }

    /** Runs a receipt-fenced statement: 1 the receipts, 2 the queue id, then {@code extra}. */
    private Rows fenced(String verb, QueueInfo queue, Collection<Receipt> receipts, String statement, Object... extra) {
        List<Object> args = new ArrayList<>(2 + extra.length);
        args.add(receiptsJson(receipts));
        args.add(queue.id());
        args.addAll(Arrays.asList(extra));
        return sql.write(verb + " " + receipts.size() + " message(s) of queue '" + queue.name() + "'", new Stmt(statement, args));
    }

    private static List<Long> firstColumn(Rows rows) {
        List<Long> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(rows.getLong(i, 0));
        }
        return out;
    }

    private static Set<Long> ids(Rows rows) {
        return new HashSet<>(firstColumn(rows));
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
}
