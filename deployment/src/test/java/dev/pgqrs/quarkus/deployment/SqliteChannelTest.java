package dev.pgqrs.quarkus.deployment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.pgqrs.DeadLetter;
import dev.pgqrs.Pgqrs;
import dev.pgqrs.Store;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same connector on a SQLite file: round trip, dead letters, and the single-process model in health. */
class SqliteChannelTest {
    static final String DSN = "sqlite:" + newFile();

    /** One fresh file per JVM; a system property because QuarkusUnitTest loads this class twice. */
    static synchronized String newFile() {
        String file = System.getProperty("pgqrs.test.sqlite.file");
        if (file == null) {
            try {
                file = Files.createTempDirectory(Path.of("target"), "sqlite-channel").toAbsolutePath().resolve("queues.db")
                        .toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty("pgqrs.test.sqlite.file", file);
        }
        return file;
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(App.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", DSN)
            .overrideConfigKey("mp.messaging.connector.pgqrs.poll-interval", "100")
            .overrideConfigKey("mp.messaging.outgoing.notes-out.queue", "notes")
            .overrideConfigKey("mp.messaging.incoming.notes.max-read-count", "2")
            .overrideConfigKey("mp.messaging.incoming.notes.retry-delay", "50");

    @ApplicationScoped
    static class App {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Inject
        @Channel("notes-out")
        Emitter<String> emitter;

        CompletionStage<Void> send(String note) {
            return emitter.send(note);
        }

        List<String> seen() {
            return seen;
        }

        @Incoming("notes")
        void note(String note) {
            seen.add(note);
            if (note.startsWith("poison")) {
                throw new IllegalStateException("cannot read " + note);
            }
        }
    }

    @Inject
    App app;

    @Test
    void roundTripAndDeadLettersOnSqlite() throws Exception {
        app.send("hello").toCompletableFuture().get(10, TimeUnit.SECONDS);
        app.send("poison-1").toCompletableFuture().get(10, TimeUnit.SECONDS);
        try (Store store = Pgqrs.connect(DSN)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                List<DeadLetter> dead = store.admin().deadLetters("notes", 10);
                assertThat(dead).hasSize(1);
                assertThat(dead.get(0).reason()).contains("cannot read poison-1");
                assertThat(store.admin().metrics("notes").archived()).isEqualTo(1);
            });
        }
        assertThat(app.seen()).containsExactlyInAnyOrder("hello", "poison-1", "poison-1");
        when().get("/q/health/ready").then().statusCode(200).body(containsString("store sqlite, SINGLE_PROCESS"));
    }
}
