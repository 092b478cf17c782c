package dev.pgqrs.quarkus.deployment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Shared by the build-validation tests: a consumer to validate, and the assertion on the build failure. */
final class BuildFailures {
    private BuildFailures() {
    }

    @ApplicationScoped
    static class OrdersConsumer {
        @Incoming("orders")
        void consume(String order) {
        }
    }

    @ApplicationScoped
    static class TwoConsumers {
        @Incoming("billing")
        void billing(String order) {
        }

        @Incoming("audit")
        void audit(String order) {
        }
    }

    /** Asserts that the build failed with a DeploymentException whose message holds every fragment. */
    static Consumer<Throwable> deploymentFailure(String... fragments) {
        return thrown -> {
            List<Throwable> all = new ArrayList<>();
            collect(thrown, all, new IdentityHashMap<>());
            List<String> messages = all.stream().filter(t -> t instanceof DeploymentException).map(Throwable::getMessage).toList();
            assertThat(messages).as("DeploymentException messages in %s", thrown)
                    .anySatisfy(m -> assertThat(m).contains(fragments));
        };
    }

    private static void collect(Throwable t, List<Throwable> out, Map<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, true) != null) {
            return;
        }
        out.add(t);
        collect(t.getCause(), out, seen);
        for (Throwable s : t.getSuppressed()) {
            collect(s, out, seen);
        }
    }
}
