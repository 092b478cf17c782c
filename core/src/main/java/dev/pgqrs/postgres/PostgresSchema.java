package dev.pgqrs.postgres;

import dev.pgqrs.internal.Migration;
import java.util.List;

/**
 * The PostgreSQL schema. Version 1 creates the tables of upstream pgqrs 0.15 with their names and
 * columns, so Rust and Python pgqrs programs can share the queues; later versions only add nullable
 * columns and indexes that this library needs.
 */
final class PostgresSchema {
    static final String HISTORY_TABLE = "pgqrs_java_schema_history";

    private PostgresSchema() {
    }

    static String createHistory(String s) {
        return "CREATE TABLE IF NOT EXISTS " + s + "." + HISTORY_TABLE + " (version INT PRIMARY KEY, description TEXT NOT NULL, "
                + "installed_at TIMESTAMPTZ NOT NULL DEFAULT now())";
    }

    static List<Migration> migrations(String s) {
        return List.of(
                new Migration(1, "upstream pgqrs 0.15 tables", List.of(
                        "DO $$ BEGIN CREATE TYPE " + s + ".worker_status AS ENUM ('ready','polling','suspended','interrupted','stopped'); "
                                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$",
                        "CREATE TABLE IF NOT EXISTS " + s + ".pgqrs_queues ("
                                + "id BIGSERIAL PRIMARY KEY, queue_name VARCHAR UNIQUE NOT NULL, "
                                + "created_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                        "CREATE TABLE IF NOT EXISTS " + s + ".pgqrs_workers ("
                                + "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                                + "queue_id BIGINT NULL REFERENCES " + s + ".pgqrs_queues(id), "
                                + "started_at TIMESTAMPTZ DEFAULT now(), heartbeat_at TIMESTAMPTZ DEFAULT now(), "
                                + "shutdown_at TIMESTAMPTZ NULL, status " + s + ".worker_status NOT NULL DEFAULT 'ready')",
                        "CREATE TABLE IF NOT EXISTS " + s + ".pgqrs_messages ("
                                + "id BIGSERIAL PRIMARY KEY, queue_id BIGINT NOT NULL REFERENCES " + s + ".pgqrs_queues(id), "
                                + "payload JSONB NOT NULL, vt TIMESTAMPTZ DEFAULT now(), enqueued_at TIMESTAMPTZ DEFAULT now(), "
                                + "read_ct INT DEFAULT 0, dequeued_at TIMESTAMPTZ, "
                                + "producer_worker_id BIGINT REFERENCES " + s + ".pgqrs_workers(id), "
                                + "consumer_worker_id BIGINT REFERENCES " + s + ".pgqrs_workers(id), "
                                + "archived_at TIMESTAMPTZ)",
                        "CREATE INDEX IF NOT EXISTS idx_pgqrs_workers_queue_status ON " + s + ".pgqrs_workers (queue_id, status)",
                        "CREATE INDEX IF NOT EXISTS idx_pgqrs_workers_heartbeat ON " + s + ".pgqrs_workers (heartbeat_at)")),
                new Migration(2, "pgqrs-java: queue policy, headers, dead letters, claim index", List.of(
                        "ALTER TABLE " + s + ".pgqrs_queues ADD COLUMN IF NOT EXISTS max_read_ct INT",
                        "ALTER TABLE " + s + ".pgqrs_messages ADD COLUMN IF NOT EXISTS headers JSONB",
                        "ALTER TABLE " + s + ".pgqrs_messages ADD COLUMN IF NOT EXISTS dead_at TIMESTAMPTZ",
                        "ALTER TABLE " + s + ".pgqrs_messages ADD COLUMN IF NOT EXISTS dead_reason TEXT",
                        "ALTER TABLE " + s + ".pgqrs_workers ADD COLUMN IF NOT EXISTS hostname TEXT",
                        "ALTER TABLE " + s + ".pgqrs_workers ADD COLUMN IF NOT EXISTS pid BIGINT",
                        // Claims read this index only: rows still in the queue, by visibility deadline.
                        "CREATE INDEX IF NOT EXISTS pgqrs_messages_claim_idx ON " + s
                                + ".pgqrs_messages (queue_id, vt, id) WHERE archived_at IS NULL",
                        "CREATE INDEX IF NOT EXISTS pgqrs_messages_dead_idx ON " + s
                                + ".pgqrs_messages (queue_id, id) WHERE dead_at IS NOT NULL",
                        "CREATE INDEX IF NOT EXISTS pgqrs_messages_archived_idx ON " + s
                                + ".pgqrs_messages (queue_id, archived_at) WHERE archived_at IS NOT NULL",
                        "CREATE INDEX IF NOT EXISTS pgqrs_messages_consumer_idx ON " + s
                                + ".pgqrs_messages (consumer_worker_id) WHERE archived_at IS NULL AND consumer_worker_id IS NOT NULL")));
    }
}
