package dev.pgqrs.quarkus.deployment.devservices;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/** An embedded PostgreSQL 17 from the Maven-packaged binaries, in a temporary data directory on a free port. */
final class EmbeddedPostgresLauncher implements StoreLauncher {

    @Override
    public RunningStore start() throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        String dsn = "postgresql://postgres@localhost:" + pg.getPort() + "/postgres";
        return new RunningStore(dsn, "an embedded PostgreSQL 17 on port " + pg.getPort(), pg);
    }
}
