package dev.pgqrs.quarkus;

import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.INCOMING;
import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.INCOMING_AND_OUTGOING;
import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.OUTGOING;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgqrs.Store;
import dev.pgqrs.StoreCapabilities;
import io.smallrye.reactive.messaging.annotations.ConnectorAttribute;
import io.smallrye.reactive.messaging.connector.InboundConnector;
import io.smallrye.reactive.messaging.connector.OutboundConnector;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.health.HealthReporter;
import io.smallrye.reactive.messaging.providers.connectors.ExecutionHolder;
import io.smallrye.reactive.messaging.providers.helpers.CDIUtils;
import io.vertx.core.impl.VertxInternal;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

/** The {@code pgqrs} connector: durable queues in PostgreSQL, SQLite or Turso as messaging channels. */
@ApplicationScoped
@Connector(PgqrsConnector.NAME)
@ConnectorAttribute(name = "queue", type = "string", direction = INCOMING_AND_OUTGOING,
        description = "The queue to read from or write to. Defaults to the channel name.")
@ConnectorAttribute(name = "auto-create", type = "boolean", direction = INCOMING_AND_OUTGOING, defaultValue = "true",
        description = "Create the queue at startup when it does not exist.")
@ConnectorAttribute(name = "max-inflight", type = "int", direction = INCOMING_AND_OUTGOING, defaultValue = "256",
        description = "Incoming: the most messages claimed and not yet settled; claiming pauses at the bound."
                + " Outgoing: the most messages waiting to be inserted.")
@ConnectorAttribute(name = "batch-size", type = "int", direction = INCOMING, defaultValue = "10",
        description = "The most messages claimed by one statement, and the size of a batch when `batch` is true.")
@ConnectorAttribute(name = "claimers", type = "int", direction = INCOMING, defaultValue = "1",
        description = "Threads that claim for this channel at once. With more than one, a queue with a backlog is"
                + " drained faster, and messages are no longer handed over strictly in enqueue order; the extra"
                + " threads claim only while the queue has a backlog, so an idle channel still polls once per interval.")
@ConnectorAttribute(name = "visibility-timeout", type = "int", direction = INCOMING, defaultValue = "30",
        description = "Seconds a claimed message stays invisible to other consumers. The connector extends the lease"
                + " of a message still processing after half of it.")
@ConnectorAttribute(name = "poll-interval", type = "long", direction = INCOMING, defaultValue = "1000",
        description = "The longest wait, in milliseconds, between two polls of an idle queue when no wake-up arrives.")
@ConnectorAttribute(name = "max-read-count", type = "int", direction = INCOMING,
        description = "The queue's dead-letter policy: a message delivered this many times without success becomes a"
                + " dead letter. Applied to the queue at startup; when absent the queue keeps its own (5 for a new queue).")
@ConnectorAttribute(name = "failure-strategy", type = "string", direction = INCOMING, defaultValue = "retry",
        description = "What a nack does: `retry` (release with backoff; dead letter at max-read-count), `dead-letter`"
                + " (at once), `fail` (stop the channel and report it in health), `ignore` (ack), or the"
                + " `@Identifier` of a `PgqrsFailureHandler` bean.")
@ConnectorAttribute(name = "retry-delay", type = "long", direction = INCOMING, defaultValue = "1000",
        description = "Milliseconds before a retried message is delivered again, doubled for each earlier delivery.")
@ConnectorAttribute(name = "retry-max-delay", type = "long", direction = INCOMING, defaultValue = "300000",
        description = "The cap, in milliseconds, of the retry backoff.")
@ConnectorAttribute(name = "ack-mode", type = "string", direction = INCOMING, defaultValue = "archive",
        description = "What an ack does to the row: `archive` (keep it, marked done) or `delete`.")
@ConnectorAttribute(name = "batch", type = "boolean", direction = INCOMING, defaultValue = "false",
        description = "Deliver each claimed batch as one `Message<List<T>>`. Set at build time when the method takes a List.")
@ConnectorAttribute(name = "payload-type", type = "string", direction = INCOMING,
        description = "The class payloads are read as (JSON through the application's ObjectMapper). Set at build time"
                + " from the consuming method's signature; without it payloads arrive as String.")
@ConnectorAttribute(name = "shutdown-timeout", type = "long", direction = INCOMING, defaultValue = "10000",
        description = "Milliseconds to let in-flight messages finish at shutdown; unstarted ones are released at once.")
@ConnectorAttribute(name = "delay", type = "long", direction = OUTGOING, defaultValue = "0",
        description = "Milliseconds before a sent message becomes deliverable, unless its PgqrsOutgoingMetadata says otherwise.")
public class PgqrsConnector implements InboundConnector, OutboundConnector, HealthReporter {

    public static final String NAME = "pgqrs";

    @Inject
    ExecutionHolder executionHolder;

    @Inject
    Store store;

    @Inject
    Instance<ObjectMapper> objectMapper;

    @Inject
    @Any
    Instance<PgqrsFailureHandler> failureHandlers;

    /** Resolvable only when pgqrs shares a Quarkus datasource: then sends can join the caller's transaction. */
    @Inject
    Instance<PgqrsTransactions> transactions;

    private final List<PgqrsIncomingChannel> incoming = new CopyOnWriteArrayList<>();
    private final List<PgqrsOutgoingChannel> outgoing = new CopyOnWriteArrayList<>();

    @Override
    public Flow.Publisher<? extends Message<?>> getPublisher(Config config) {
        PgqrsConnectorIncomingConfiguration conf = new PgqrsConnectorIncomingConfiguration(config);
        io.vertx.core.Context context = ((VertxInternal) executionHolder.vertx().getDelegate()).createEventLoopContext();
        PgqrsIncomingChannel channel = new PgqrsIncomingChannel(conf, store, context, codec(), failureHandler(conf));
        incoming.add(channel);
        return channel.stream();
    }

    @Override
    public Flow.Subscriber<? extends Message<?>> getSubscriber(Config config) {
        PgqrsOutgoingChannel channel = new PgqrsOutgoingChannel(new PgqrsConnectorOutgoingConfiguration(config), store, codec(),
                transactions.isResolvable() ? transactions.get() : null);
        outgoing.add(channel);
        return channel;
    }

    PayloadCodec codec() {
        return new PayloadCodec(objectMapper.isResolvable() ? objectMapper.get() : new ObjectMapper().findAndRegisterModules());
    }

    private PgqrsFailureHandler failureHandler(PgqrsConnectorIncomingConfiguration conf) {
        String name = conf.getFailureStrategy();
        Instance<PgqrsFailureHandler> found = CDIUtils.getInstanceById(failureHandlers, name);
        if (!found.isResolvable()) {
            throw new IllegalArgumentException("Unknown failure-strategy '" + name + "' on channel '" + conf.getChannel()
                    + "'. Use one of " + FailureStrategies.BUILT_IN + " or the @Identifier of a PgqrsFailureHandler bean.");
        }
        return found.get();
    }

    /** Stops every channel before the application's beans (and the store) go away. */
    void terminate(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(50) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        incoming.forEach(PgqrsIncomingChannel::shutdown);
        outgoing.forEach(c -> c.shutdown(Duration.ofSeconds(10)));
        // Nobody listens any more. On a shared datasource the LISTEN connection is the application's, and its pool
        // may close before the store bean does: stop listening now rather than log a lost connection at shutdown.
        store.wakeups().close();
    }

    /** The store's concurrency model and capabilities, shown in health details. */
    String storeDetails() {
        StoreCapabilities caps = store.capabilities();
        return "store " + store.kind() + ", " + caps.concurrencyModel() + ", capabilities "
                + caps.asSet().stream().map(StoreCapabilities.Capability::configName).collect(Collectors.joining(","));
    }

    @Override
    public HealthReport getReadiness() {
        HealthReport.HealthReportBuilder builder = HealthReport.builder();
        String details = storeDetails();
        incoming.forEach(c -> builder.add(c.name(), c.isReady(), c.status(details)));
        outgoing.forEach(c -> builder.add(c.name(), c.isReady(), c.status(details)));
        return builder.build();
    }

    @Override
    public HealthReport getLiveness() {
        HealthReport.HealthReportBuilder builder = HealthReport.builder();
        String details = storeDetails();
        incoming.forEach(c -> builder.add(c.name(), c.isAlive(), c.status(details)));
        outgoing.forEach(c -> builder.add(c.name(), c.isAlive(), c.status(details)));
        return builder.build();
    }

    /** For tests and operators: the number of claimed, unsettled messages of an incoming channel. */
    public int inFlight(String channel) {
        return incoming.stream().filter(c -> c.name().equals(channel)).mapToInt(PgqrsIncomingChannel::inFlight).sum();
    }
}
