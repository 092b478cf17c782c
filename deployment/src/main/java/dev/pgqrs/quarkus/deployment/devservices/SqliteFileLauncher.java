package dev.pgqrs.quarkus.deployment.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A SQLite file under the build directory. There is no server: "starting" makes sure the directory exists and,
 * for a throwaway file (tests), that nothing is left from an earlier run.
 */
final class SqliteFileLauncher implements StoreLauncher {
    private final Path file;
    private final boolean throwaway;

    SqliteFileLauncher(Path file, boolean throwaway) {
        this.file = file.toAbsolutePath();
        this.throwaway = throwaway;
    }

    @Override
    public RunningStore start() throws IOException {
        Files.createDirectories(file.getParent());
        if (throwaway) {
            deleteFiles();
        }
        AutoCloseable stopper = throwaway ? this::deleteFiles : () -> {
        };
        String kept = throwaway ? " (deleted at the end of the run)" : " (kept until the build directory is cleaned)";
        return new RunningStore("sqlite:" + file, "the SQLite file " + file + kept, stopper);
    }

    private void deleteFiles() throws IOException {
        for (String suffix : new String[] { "", "-wal", "-shm", "-journal" }) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }
}
