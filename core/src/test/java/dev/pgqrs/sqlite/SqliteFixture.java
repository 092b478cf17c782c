package dev.pgqrs.sqlite;

import dev.pgqrs.Store;
import dev.pgqrs.StoreCapabilities;
import dev.pgqrs.conformance.StoreFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh SQLite file under target/ for one test class; every store it opens uses that file. */
final class SqliteFixture implements StoreFixture {
    private final Path file;

    SqliteFixture(String name) {
        this.file = newFile(name);
    }

    /** A path under target/sqlite-tests/ with no database yet. */
    static Path newFile(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "sqlite-tests"));
            Path file = dir.resolve(name + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".db");
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file() {
        return file;
    }

    @Override
    public Store open() {
        return SqliteStore.builder().path(file).build();
    }

    @Override
    public StoreCapabilities expectedCapabilities() {
        return new StoreCapabilities(false, false, true, false);
    }
}
