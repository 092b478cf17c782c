package dev.pgqrs.quarkus.deployment.devservices;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the {@code tursodb} binary that the {@code turso} Dev Service runs. */
final class TursoBinary {
    static final String INSTALL = "npm install turso@0.6.0";
    private static final String NAME = "tursodb";

    private TursoBinary() {
    }

    /**
     * The configured binary, else {@code tursodb} on the PATH, else the one an {@code npm install turso} left in a
     * {@code node_modules} of the working directory or one of its parents (or in {@code core/target/turso}, where the
     * pgqrs build installs it).
     *
     * @throws ConfigurationException naming where it looked and how to install it
     */
    static Path locate(Optional<String> configured, String pathVariable, Path workingDirectory) {
        if (configured.isPresent()) {
            Path p = Path.of(configured.get());
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new ConfigurationException("quarkus.pgqrs.devservices.turso-binary=" + configured.get()
                        + " is not an executable file. Fix: install it with `" + INSTALL + "` and point the property at"
                        + " node_modules/@tursodatabase/cli-<platform>/tursodb, or set quarkus.pgqrs.dsn to a running Turso"
                        + " database.");
            }
            return p.toAbsolutePath().normalize();
        }
        List<Path> searched = new ArrayList<>();
        if (pathVariable != null) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    Path candidate = Path.of(dir, NAME);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        for (Path dir = workingDirectory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            // Also the copy the pgqrs build itself installs for its Turso tests, for modules of this repository.
            for (Path modules : List.of(dir.resolve("node_modules/@tursodatabase"),
                    dir.resolve("core/target/turso/node_modules/@tursodatabase"))) {
                searched.add(modules);
                Optional<Path> found = inPlatformPackage(modules);
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new ConfigurationException("Dev Services for pgqrs need the tursodb binary to start a Turso store"
                + " (quarkus.pgqrs.store=turso), and found none: quarkus.pgqrs.devservices.turso-binary is not set, there is"
                + " no tursodb on the PATH and none under " + searched.get(0) + " or its parents' node_modules. Fix: run `"
                + INSTALL + "` in the project directory (it installs node_modules/@tursodatabase/cli-<platform>/tursodb),"
                + " or set quarkus.pgqrs.devservices.turso-binary to a tursodb binary, or set quarkus.pgqrs.dsn to a"
                + " running Turso database.");
    }

    /** npm puts the binary in a per-platform package such as {@code cli-linux-x64-gnu}. */
    private static Optional<Path> inPlatformPackage(Path modules) {
        if (!Files.isDirectory(modules)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> packages = Files.newDirectoryStream(modules, "cli-*")) {
            for (Path pkg : packages) {
                Path candidate = pkg.resolve(NAME);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list " + modules + " while looking for tursodb: " + e.getMessage(), e);
        }
        return Optional.empty();
    }
}
