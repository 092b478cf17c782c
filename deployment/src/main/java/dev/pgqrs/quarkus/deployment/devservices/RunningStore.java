package dev.pgqrs.quarkus.deployment.devservices;

/**
 * A store that a launcher started.
 *
 * @param dsn what {@code quarkus.pgqrs.dsn} is set to
 * @param description what was started, for the log
 * @param stopper stops it and removes what only it used
 */
record RunningStore(String dsn, String description, AutoCloseable stopper) {
}
