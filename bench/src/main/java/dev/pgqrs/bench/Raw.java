package dev.pgqrs.bench;

/** A raw baseline: the database's own limit for inserting and for claiming-and-deleting, with no queue semantics. */
public interface Raw {
    void prepare() throws Exception;

    /** Inserts {@code n} rows, {@code batch} per transaction; rows per second. */
    double produce(int n, int batch) throws Exception;

    /** Claims and deletes {@code n} rows with {@code consumers} threads, {@code batch} per statement; rows per second. */
    double consume(int n, int batch, int consumers) throws Exception;
}
