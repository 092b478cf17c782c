package dev.pgqrs;

import java.time.Instant;

/** A registered worker as the store sees it. {@code queue} is null for a worker not tied to one queue. */
public record WorkerInfo(long id, String name, String queue, String hostname, long pid, WorkerState state,
        Instant startedAt, Instant heartbeatAt) {
}
