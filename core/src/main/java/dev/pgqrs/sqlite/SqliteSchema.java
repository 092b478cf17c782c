package dev.pgqrs.sqlite;

import dev.pgqrs.internal.Migration;
import java.util.List;

/**
 * The SQLite schema, shared with the Turso store. Version 1 creates upstream pgqrs 0.15's SQLite
 * tables with their names, columns and {@code datetime('now')} defaults, so Rust and Python pgqrs
 * programs can open the same file; version 2 only adds nullable columns and indexes this library
 * needs. One statement per string: tursodb runs only the first statement of a string.
 */
public final class SqliteSchema {
    public static final String HISTORY_TABLE = "pgqrs_java_schema_history";

    public static final String CREATE_HISTORY = "CREATE TABLE IF NOT EXISTS " + HISTORY_TABLE
            + " (version INTEGER PRIMARY KEY, description TEXT NOT NULL, installed_at TEXT NOT NULL DEFAULT (datetime('now')))";

    /**
     * Run first in every migration transaction: a write, so the transaction takes the database's write
     * lock (waiting up to the busy timeout) before it re-reads the history, like {@code BEGIN IMMEDIATE}.
     * It needs the history table, which {@link #CREATE_HISTORY} creates beforehand in its own statement.
     */
    public static final String MIGRATION_LOCK = "UPDATE " + HISTORY_TABLE + " SET version = version WHERE version < 0";

    public static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "upstream pgqrs 0.15 tables", List.of(
                    "CREATE TABLE IF NOT EXISTS pgqrs_queues ("
                            + "id INTEGER PRIMARY KEY AUTOINCREMENT, queue_name TEXT UNIQUE NOT NULL, "
                            + "created_at TEXT NOT NULL DEFAULT (datetime('now')))",
                    "CREATE TABLE IF NOT EXISTS pgqrs_workers ("
                            + "id INTEGER PRIMARY KEY AUTOINCREMENT, queue_id INTEGER REFERENCES pgqrs_queues(id), "
                            + "name TEXT NOT NULL UNIQUE, started_at TEXT NOT NULL DEFAULT (datetime('now')), "
                            + "heartbeat_at TEXT NOT NULL DEFAULT (datetime('now')), shutdown_at TEXT, "
                            + "status TEXT NOT NULL DEFAULT 'ready' "
                            + "CHECK(status IN ('ready','polling','suspended','interrupted','stopped')))",
                    "CREATE TABLE IF NOT EXISTS pgqrs_messages ("
                            + "id INTEGER PRIMARY KEY AUTOINCREMENT, queue_id INTEGER NOT NULL REFERENCES pgqrs_queues(id), "
                            + "payload TEXT NOT NULL, vt TEXT DEFAULT (datetime('now')), enqueued_at TEXT DEFAULT (datetime('now')), "
                            + "read_ct INTEGER DEFAULT 0, dequeued_at TEXT, "
                            + "producer_worker_id INTEGER REFERENCES pgqrs_workers(id), "
                            + "consumer_worker_id INTEGER REFERENCES pgqrs_workers(id), archived_at TEXT)",
                    "CREATE INDEX IF NOT EXISTS idx_workers_queue_id ON pgqrs_workers (queue_id)",
                    "CREATE INDEX IF NOT EXISTS idx_workers_status ON pgqrs_workers (status)")),
            new Migration(2, "pgqrs-java: queue policy, headers, dead letters, claim index", List.of(
                    // SQLite has no ADD COLUMN IF NOT EXISTS; the history guarantees each runs once.
                    "ALTER TABLE pgqrs_queues ADD COLUMN max_read_ct INTEGER",
                    "ALTER TABLE pgqrs_messages ADD COLUMN headers TEXT",
                    "ALTER TABLE pgqrs_messages ADD COLUMN dead_at TEXT",
                    "ALTER TABLE pgqrs_messages ADD COLUMN dead_reason TEXT",
                    "ALTER TABLE pgqrs_workers ADD COLUMN hostname TEXT",
                    "ALTER TABLE pgqrs_workers ADD COLUMN pid INTEGER",
                    // Claims read this index only: rows still in the queue, by visibility deadline.
                    "CREATE INDEX IF NOT EXISTS pgqrs_messages_claim_idx ON pgqrs_messages (queue_id, vt, id) WHERE archived_at IS NULL",
                    "CREATE INDEX IF NOT EXISTS pgqrs_messages_dead_idx ON pgqrs_messages (queue_id, id) WHERE dead_at IS NOT NULL",
                    "CREATE INDEX IF NOT EXISTS pgqrs_messages_archived_idx ON pgqrs_messages (queue_id, archived_at) "
                            + "WHERE archived_at IS NOT NULL",
                    "CREATE INDEX IF NOT EXISTS pgqrs_messages_consumer_idx ON pgqrs_messages (consumer_worker_id) "
                            + "WHERE archived_at IS NULL AND consumer_worker_id IS NOT NULL")));

    private SqliteSchema() {
    }
}
