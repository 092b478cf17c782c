package dev.pgqrs.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the turso Dev Service looks for tursodb, and what it says when there is none. */
class TursoBinaryTest {

    @TempDir
    Path dir;

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void theConfiguredBinaryComesFirst() throws IOException {
        Path configured = executable(dir.resolve("mine/tursodb"));
        executable(dir.resolve("bin/tursodb"));
        assertThat(TursoBinary.locate(Optional.of(configured.toString()), dir.resolve("bin").toString(), dir))
                .isEqualTo(configured);
    }

    @Test
    void aConfiguredBinaryThatIsMissingIsAnError() {
        assertThatThrownBy(() -> TursoBinary.locate(Optional.of(dir.resolve("none").toString()), null, dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("quarkus.pgqrs.devservices.turso-binary=" + dir.resolve("none"))
                .hasMessageContaining("npm install turso@0.6.0");
    }

    @Test
    void thenThePath() throws IOException {
        Path onPath = executable(dir.resolve("bin/tursodb"));
        assertThat(TursoBinary.locate(Optional.empty(), "/nonexistent:" + dir.resolve("bin"), dir)).isEqualTo(onPath);
    }

    @Test
    void thenWhatNpmInstalledInTheWorkingDirectoryOrAParent() throws IOException {
        Path npm = executable(dir.resolve("node_modules/@tursodatabase/cli-linux-x64-gnu/tursodb"));
        Path module = Files.createDirectories(dir.resolve("app/src"));
        assertThat(TursoBinary.locate(Optional.empty(), "", module)).isEqualTo(npm);
    }

    @Test
    void noneFoundSaysHowToInstallIt() throws IOException {
        Path module = Files.createDirectories(dir.resolve("app"));
        assertThatThrownBy(() -> TursoBinary.locate(Optional.empty(), dir.resolve("bin").toString(), module))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("npm install turso@0.6.0")
                .hasMessageContaining("quarkus.pgqrs.devservices.turso-binary")
                .hasMessageContaining("quarkus.pgqrs.dsn");
    }
}
