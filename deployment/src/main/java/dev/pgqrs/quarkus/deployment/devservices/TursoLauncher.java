package dev.pgqrs.quarkus.deployment.devservices;

import dev.pgqrs.turso.LocalTursoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code tursodb FILE --sync-server 127.0.0.1:PORT}, serving a database file under the build directory over HTTP. */
final class TursoLauncher implements StoreLauncher {
    private final Path binary;
    private final Path file;
    private final boolean throwaway;

    TursoLauncher(Path binary, Path file, boolean throwaway) {
        this.binary = binary;
        this.file = file.toAbsolutePath();
        this.throwaway = throwaway;
    }

    @Override
    public RunningStore start() throws IOException {
        if (throwaway) {
            deleteFiles();
        }
        LocalTursoServer server = LocalTursoServer.start(binary, file);
        AutoCloseable stopper = () -> {
            server.close();
            if (throwaway) {
                deleteFiles();
            }
        };
        return new RunningStore(server.url(), "tursodb " + binary + " serving " + file + " on port " + server.port() + " (pid "
                + server.pid() + ", log " + file + ".log)", stopper);
    }

    private void deleteFiles() throws IOException {
        for (String suffix : new String[] { "", "-wal", "-shm", ".log" }) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }
}
