package dev.pgqrs.demo;

import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.time.Duration;

/** Runs until every order is settled, prints the summary line, and exits 0 (1 if it did not complete). */
public class DemoApplication implements QuarkusApplication {

    @Inject
    OrderFlow flow;

    @Override
    public int run(String... args) throws Exception {
        Summary summary = flow.awaitSummary(Duration.ofMinutes(10));
        System.out.println(summary.line());
        return summary.complete() ? 0 : 1;
    }
}
