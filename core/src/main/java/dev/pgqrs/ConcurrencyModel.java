package dev.pgqrs;

/** How many processes may safely share one store. */
public enum ConcurrencyModel {
    /** Only consumers inside one JVM may claim from the store (SQLite, Turso). */
    SINGLE_PROCESS,
    /** Any number of processes, on any number of hosts, may claim from the store (PostgreSQL). */
    MULTI_PROCESS
}
