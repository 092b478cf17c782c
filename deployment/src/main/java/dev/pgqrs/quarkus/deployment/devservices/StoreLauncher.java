package dev.pgqrs.quarkus.deployment.devservices;

import java.io.IOException;

/** Starts one kind of development store. */
@FunctionalInterface
interface StoreLauncher {
    RunningStore start() throws IOException;
}
