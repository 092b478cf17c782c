package dev.pgqrs.quarkus.deployment.devservices;

import dev.pgqrs.Store;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

/** HTTP endpoints through which the dev-mode test looks at the Dev Services store. */
@ApplicationScoped
public class DevModeEndpoints {
    static final String QUEUE = "dev-reload";

    @Inject
    Store store;

    void routes(@Observes Router router) {
        router.get("/version").handler(rc -> rc.end("v1"));
        router.get("/dsn").handler(rc -> rc.end(ConfigProvider.getConfig().getValue("quarkus.pgqrs.dsn", String.class)));
        router.post("/enqueue").blockingHandler(rc -> {
            store.admin().createQueueIfNotExists(QUEUE);
            store.producer(QUEUE).send("{\"n\":1}");
            rc.end("ok");
        });
        router.get("/ready").blockingHandler(rc -> rc.end(String.valueOf(store.admin().metrics(QUEUE).ready())));
    }
}
