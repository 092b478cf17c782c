package dev.pgqrs.quarkus.deployment;

import dev.pgqrs.Pgqrs;
import dev.pgqrs.Store;
import dev.pgqrs.StoreCapabilities;
import dev.pgqrs.error.InvalidDsnException;
import dev.pgqrs.quarkus.FailureStrategies;
import dev.pgqrs.quarkus.PgqrsConnector;
import dev.pgqrs.quarkus.JtaTransactions;
import dev.pgqrs.quarkus.PgqrsFailureHandler;
import dev.pgqrs.quarkus.PgqrsProducer;
import dev.pgqrs.quarkus.PgqrsRecorder;
import dev.pgqrs.quarkus.StoreDestroyer;
import io.quarkus.agroal.spi.JdbcDataSourceBuildItem;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.datasource.common.runtime.DataSourceUtil;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Produce;
import io.quarkus.deployment.pkg.builditem.ArtifactResultBuildItem;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.smallrye.reactivemessaging.deployment.items.ConnectorManagedChannelBuildItem;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.PrimitiveType;
import org.jboss.jandex.Type;
import org.jboss.logging.Logger;

class PgqrsProcessor {
    private static final Logger LOG = Logger.getLogger(PgqrsProcessor.class);
    static final String FEATURE = "pgqrs";

    static final DotName INCOMING = DotName.createSimple("org.eclipse.microprofile.reactive.messaging.Incoming");
    static final DotName OUTGOING = DotName.createSimple("org.eclipse.microprofile.reactive.messaging.Outgoing");
    static final DotName CHANNEL = DotName.createSimple("org.eclipse.microprofile.reactive.messaging.Channel");
    static final DotName IDENTIFIER = DotName.createSimple("io.smallrye.common.annotation.Identifier");
    static final DotName AGROAL_DATASOURCE = DotName.createSimple("io.quarkus.agroal.DataSource");
    static final DotName FAILURE_HANDLER = DotName.createSimple(PgqrsFailureHandler.class.getName());

    /** Wrappers whose first type argument is the payload (or a further wrapper). */
    private static final Set<String> WRAPPERS = Set.of("org.eclipse.microprofile.reactive.messaging.Message",
            "io.smallrye.mutiny.Multi", "io.smallrye.mutiny.Uni", "java.util.concurrent.CompletionStage",
            "java.util.concurrent.CompletableFuture", "org.reactivestreams.Publisher", "java.util.concurrent.Flow$Publisher",
            "org.eclipse.microprofile.reactive.messaging.Emitter", "io.smallrye.reactive.messaging.MutinyEmitter",
            "org.eclipse.microprofile.reactive.streams.operators.PublisherBuilder");
    private static final Set<String> LISTS = Set.of("java.util.List", "java.util.Collection");

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    void beans(BuildProducer<AdditionalBeanBuildItem> beans, BuildProducer<UnremovableBeanBuildItem> unremovable,
            PgqrsStoreKindBuildItem kind, List<JdbcDataSourceBuildItem> jdbcDataSources, Capabilities capabilities) {
        beans.produce(AdditionalBeanBuildItem.unremovableOf(PgqrsConnector.class));
        beans.produce(AdditionalBeanBuildItem.unremovableOf(PgqrsProducer.class));
        if (joinsTransactions(kind, jdbcDataSources, capabilities)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(JtaTransactions.class));
        }
        beans.produce(AdditionalBeanBuildItem.builder().setUnremovable()
                .addBeanClasses(FailureStrategies.BEAN_CLASSES.stream().map(Class::getName).toList()).build());
        // Custom strategies are looked up by name at runtime, never injected directly.
        unremovable.produce(UnremovableBeanBuildItem.beanTypes(FAILURE_HANDLER));
    }

    /**
     * Sends join the caller's JTA transaction only on a shared datasource whose connections Narayana enlists
     * ({@code quarkus.datasource.jdbc.transactions} not {@code disabled}).
     */
    private static boolean joinsTransactions(PgqrsStoreKindBuildItem kind, List<JdbcDataSourceBuildItem> jdbcDataSources,
            Capabilities capabilities) {
        return kind.dataSource() != null && capabilities.isPresent(Capability.TRANSACTIONS)
                && jdbcDataSources.stream().anyMatch(d -> d.getName().equals(kind.dataSource()) && d.isTransactionIntegrationEnabled());
    }

    @BuildStep
    PgqrsStoreKindBuildItem storeKind(PgqrsBuildTimeConfig config, List<JdbcDataSourceBuildItem> jdbcDataSources) {
        ChannelConfig cfg = new ChannelConfig();
        Optional<String> dsn = cfg.raw("quarkus.pgqrs.dsn");
        if (config.datasource().isPresent()) {
            return dataSourceKind(config.datasource().get().trim(), config.store(), dsn, jdbcDataSources);
        }
        String fromDsn = null;
        String dsnProblem = null;
        if (dsn.isPresent()) {
            try {
                fromDsn = Pgqrs.storeKind(dsn.get());
            } catch (InvalidDsnException e) {
                dsnProblem = "quarkus.pgqrs.dsn is invalid: " + e.getMessage();
            }
        }
        if (config.store().isPresent()) {
            String kind = config.store().get().trim().toLowerCase(Locale.ROOT);
            if (!List.of("postgres", "sqlite", "turso").contains(kind)) {
                return new PgqrsStoreKindBuildItem(null, "quarkus.pgqrs.store", "quarkus.pgqrs.store=" + config.store().get()
                        + " is not a store. Fix: set it to postgres, sqlite or turso, or remove it to detect the store from"
                        + " quarkus.pgqrs.dsn.");
            }
            if (fromDsn != null && !fromDsn.equals(kind)) {
                return new PgqrsStoreKindBuildItem(kind, "quarkus.pgqrs.store", "quarkus.pgqrs.store=" + kind
                        + " but quarkus.pgqrs.dsn names a " + fromDsn + " store. Fix: make them agree, or remove"
                        + " quarkus.pgqrs.store to use the DSN's store.");
            }
            return new PgqrsStoreKindBuildItem(kind, "quarkus.pgqrs.store", null);
        }
        return new PgqrsStoreKindBuildItem(fromDsn, "quarkus.pgqrs.dsn", dsnProblem);
    }

    /** The store from a Quarkus datasource's db-kind: postgresql gives postgres, sqlite gives sqlite. */
    private static PgqrsStoreKindBuildItem dataSourceKind(String name, Optional<String> store, Optional<String> dsn,
            List<JdbcDataSourceBuildItem> jdbcDataSources) {
        String source = "quarkus.pgqrs.datasource";
        if (dsn.isPresent()) {
            return new PgqrsStoreKindBuildItem(null, source, "quarkus.pgqrs.datasource=" + name + " and quarkus.pgqrs.dsn are"
                    + " both set. Fix: remove quarkus.pgqrs.dsn to keep the queues in the datasource, or remove"
                    + " quarkus.pgqrs.datasource to give pgqrs a connection pool of its own.", name);
        }
        Optional<JdbcDataSourceBuildItem> found = jdbcDataSources.stream().filter(d -> d.getName().equals(name)).findFirst();
        if (found.isEmpty()) {
            String known = jdbcDataSources.isEmpty() ? "there is no JDBC datasource: add io.quarkus:quarkus-agroal and a JDBC"
                    + " driver extension (quarkus-jdbc-postgresql, or io.quarkiverse.jdbc:quarkus-jdbc-sqlite)"
                    : "the JDBC datasources are " + jdbcDataSources.stream().map(JdbcDataSourceBuildItem::getName).toList();
            String key = DataSourceUtil.isDefault(name) ? "quarkus.datasource.db-kind" : "quarkus.datasource." + name + ".db-kind";
            return new PgqrsStoreKindBuildItem(null, source, "quarkus.pgqrs.datasource=" + name + " names no JDBC datasource ("
                    + known + "). Fix: configure " + key + " and its JDBC URL, or name an existing datasource (<default>"
                    + " for the default one).", name);
        }
        String dbKind = found.get().getDbKind();
        String kind = switch (dbKind == null ? "" : dbKind.toLowerCase(Locale.ROOT)) {
            case "postgresql", "postgres", "pgsql", "pg" -> "postgres";
            case "sqlite" -> "sqlite";
            default -> null;
        };
        if (kind == null) {
            return new PgqrsStoreKindBuildItem(null, source, "quarkus.pgqrs.datasource=" + name + " is a " + dbKind
                    + " datasource; pgqrs keeps queues in postgresql or sqlite datasources. Fix: name a PostgreSQL or SQLite"
                    + " datasource, or use quarkus.pgqrs.dsn.", name);
        }
        if (store.isPresent() && !store.get().trim().equalsIgnoreCase(kind)) {
            return new PgqrsStoreKindBuildItem(kind, source, "quarkus.pgqrs.store=" + store.get().trim() + " but"
                    + " quarkus.pgqrs.datasource=" + name + " is a " + dbKind + " datasource (the " + kind + " store). Fix: remove"
                    + " quarkus.pgqrs.store, or make it " + kind + ".", name);
        }
        return new PgqrsStoreKindBuildItem(kind, source, null, name);
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SyntheticBeanBuildItem store(PgqrsRecorder recorder, PgqrsStoreKindBuildItem kind) {
        SyntheticBeanBuildItem.ExtendedBeanConfigurator bean = SyntheticBeanBuildItem.configure(Store.class).scope(Singleton.class)
                .unremovable().setRuntimeInit().destroyer(StoreDestroyer.class);
        if (kind.dataSource() != null && kind.kind() != null) {
            // Injecting the datasource bean makes ArC create it first and fail the build if it does not exist.
            bean.addInjectionPoint(ClassType.create(DotName.createSimple(javax.sql.DataSource.class)), dataSourceQualifier(kind.dataSource()))
                    .createWith(recorder.dataSourceStoreCreator(kind.dataSource(), kind.kind()));
        } else {
            bean.createWith(recorder.storeCreator(kind.kind()));
        }
        return bean.done();
    }

    private static AnnotationInstance dataSourceQualifier(String name) {
        return DataSourceUtil.isDefault(name) ? AnnotationInstance.builder(Default.class).build()
                : AnnotationInstance.builder(AGROAL_DATASOURCE).value(name).build();
    }

    /**
     * Finds the pgqrs channels and, from the consuming methods' signatures, the payload type and batch
     * mode of each incoming one; both become runtime defaults the application may still override.
     */
    @BuildStep
    PgqrsChannelsBuildItem channels(CombinedIndexBuildItem combinedIndex, List<ConnectorManagedChannelBuildItem> managed,
            BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults, BuildProducer<ReflectiveClassBuildItem> reflection) {
        IndexView index = combinedIndex.getIndex();
        ChannelConfig config = new ChannelConfig();
        Map<String, PgqrsChannelsBuildItem.Channel> incoming = new LinkedHashMap<>();
        Map<String, PgqrsChannelsBuildItem.Channel> outgoing = new LinkedHashMap<>();
        Set<String> payloadClasses = new LinkedHashSet<>();

        for (AnnotationInstance a : index.getAnnotationsWithRepeatable(INCOMING, index)) {
            String name = a.value().asString();
            if (a.target().kind() != AnnotationTarget.Kind.METHOD || !isPgqrs(name, true, managed, config)) {
                continue;
            }
            MethodInfo method = a.target().asMethod();
            Discovered d = method.parametersCount() == 0 ? Discovered.NONE : unwrap(method.parameterType(0), false);
            incoming.put(name, new PgqrsChannelsBuildItem.Channel(name, true, d.type, d.batch));
        }
        for (ConnectorManagedChannelBuildItem c : managed) {
            if (PgqrsConnector.NAME.equalsIgnoreCase(c.getConnector())) {
                (c.isIncoming() ? incoming : outgoing).putIfAbsent(c.getName(),
                        new PgqrsChannelsBuildItem.Channel(c.getName(), c.isIncoming(), null, false));
            }
        }
        for (AnnotationInstance a : index.getAnnotationsWithRepeatable(OUTGOING, index)) {
            String name = a.value().asString();
            if (a.target().kind() == AnnotationTarget.Kind.METHOD && isPgqrs(name, false, managed, config)) {
                Discovered d = unwrap(a.target().asMethod().returnType(), false);
                outgoing.put(name, new PgqrsChannelsBuildItem.Channel(name, false, d.type, false));
            }
        }
        for (AnnotationInstance a : index.getAnnotations(CHANNEL)) {
            String name = a.value().asString();
            Type type = a.target().kind() == AnnotationTarget.Kind.FIELD ? a.target().asField().type()
                    : a.target().kind() == AnnotationTarget.Kind.METHOD_PARAMETER
                            ? a.target().asMethodParameter().method().parameterType(a.target().asMethodParameter().position())
                            : null;
            if (type != null && isPgqrs(name, false, managed, config)) {
                Discovered d = unwrap(type, false);
                outgoing.putIfAbsent(name, new PgqrsChannelsBuildItem.Channel(name, false, d.type, false));
            }
        }

        for (PgqrsChannelsBuildItem.Channel c : incoming.values()) {
            if (c.payloadType() != null && config.channelValue(c.name(), true, "payload-type").isEmpty()) {
                defaults.produce(new RunTimeConfigurationDefaultBuildItem(ChannelConfig.key(c.name(), true, "payload-type"),
                        c.payloadType()));
            }
            if (c.batch() && config.channelValue(c.name(), true, "batch").isEmpty()) {
                defaults.produce(new RunTimeConfigurationDefaultBuildItem(ChannelConfig.key(c.name(), true, "batch"), "true"));
            }
        }
        List<PgqrsChannelsBuildItem.Channel> all = new ArrayList<>(incoming.values());
        all.addAll(outgoing.values());
        for (PgqrsChannelsBuildItem.Channel c : all) {
            if (c.payloadType() != null && !c.payloadType().startsWith("java.") && !c.payloadType().startsWith("io.vertx.")
                    && !c.payloadType().equals("byte[]")) {
                payloadClasses.add(c.payloadType());
            }
        }
        if (!payloadClasses.isEmpty()) {
            // JSON (de)serialisation reads these reflectively in a native image.
            reflection.produce(ReflectiveClassBuildItem.builder(payloadClasses.toArray(String[]::new)).methods().fields()
                    .build());
        }
        return new PgqrsChannelsBuildItem(all);
    }

    @BuildStep
    void validate(ValidationPhaseBuildItem phase, PgqrsStoreKindBuildItem kind, PgqrsChannelsBuildItem channels,
            PgqrsBuildTimeConfig config, CombinedIndexBuildItem index, LaunchModeBuildItem launchMode,
            List<JdbcDataSourceBuildItem> jdbcDataSources, Capabilities capabilities,
            BuildProducer<ValidationPhaseBuildItem.ValidationErrorBuildItem> errors) {
        if (joinsTransactions(kind, jdbcDataSources, capabilities)) {
            warnWhenEmittersCannotJoin(kind, channels, index);
        }
        List<String> problems = new ArrayList<>();
        if (kind.problem() != null) {
            problems.add(kind.problem());
        }
        ChannelValidator validator = new ChannelValidator(new ChannelConfig(), kind.describe(), failureStrategies(index.getIndex()));
        List<String> incomingNames = channels.incoming().stream().map(PgqrsChannelsBuildItem.Channel::name).toList();
        List<String> allNames = new ArrayList<>(incomingNames);
        channels.outgoing().forEach(c -> allNames.add(c.name()));
        validator.capabilities(kind.kind(), config.requiredCapabilities().orElse(List.of()), allNames);
        for (String channel : incomingNames) {
            validator.queue(channel, true);
            validator.positive(channel, "visibility-timeout", "the visibility timeout (seconds a claimed message stays invisible)",
                    "30");
            validator.positive(channel, "batch-size", "the batch size (messages claimed per statement)", "10");
            validator.positive(channel, "max-inflight", "max-inflight (claimed messages not yet settled)", "256");
            validator.positive(channel, "poll-interval", "the poll interval (milliseconds)", "1000");
            validator.positive(channel, "claimers", "the number of claiming threads", "1");
            validator.failureStrategy(channel);
            validator.ackMode(channel);
        }
        validator.maxReadCounts(incomingNames);
        for (PgqrsChannelsBuildItem.Channel c : channels.outgoing()) {
            validator.queue(c.name(), false);
        }
        problems.addAll(validator.problems());
        for (String p : problems) {
            errors.produce(new ValidationPhaseBuildItem.ValidationErrorBuildItem(new DeploymentException(p)));
        }
        if (problems.isEmpty() && kind.kind() != null && !allNames.isEmpty()
                && !StoreCapabilities.of(kind.kind()).supportsMultiProcess() && launchMode.getLaunchMode() == LaunchMode.NORMAL) {
            LOG.warn(PgqrsRecorder.singleProcessWarning(kind.kind()));
        }
    }

    static final String EMITTERS_JOIN = "mp.context.ThreadContext.unchanged";

    /**
     * Context propagation runs each Emitter delivery with the context captured when the channel was wired,
     * which suspends the caller's JTA transaction around our write. Leaving the Transaction context unchanged
     * lets an Emitter send join it; without that, say so at build time rather than let users find out.
     */
    private static void warnWhenEmittersCannotJoin(PgqrsStoreKindBuildItem kind, PgqrsChannelsBuildItem channels,
            CombinedIndexBuildItem index) {
        Set<String> outgoing = new LinkedHashSet<>();
        channels.outgoing().forEach(c -> outgoing.add(c.name()));
        Set<String> emitters = new LinkedHashSet<>();
        for (AnnotationInstance a : index.getIndex().getAnnotations(CHANNEL)) {
            Type type = a.target().kind() == AnnotationTarget.Kind.FIELD ? a.target().asField().type()
                    : a.target().kind() == AnnotationTarget.Kind.METHOD_PARAMETER
                            ? a.target().asMethodParameter().method().parameterType(a.target().asMethodParameter().position())
                            : null;
            if (type != null && outgoing.contains(a.value().asString()) && (type.name().toString().endsWith(".Emitter")
                    || type.name().toString().endsWith(".MutinyEmitter"))) {
                emitters.add(a.value().asString());
            }
        }
        boolean unchanged = new ChannelConfig().raw(EMITTERS_JOIN)
                .map(v -> List.of(v.split(",")).stream().anyMatch(t -> t.trim().equals("Transaction"))).orElse(false);
        if (!emitters.isEmpty() && !unchanged) {
            LOG.warnf("pgqrs shares datasource %s, but Emitter sends on channels %s will not join the caller's JTA transaction:"
                    + " context propagation suspends it while the message travels to the connector. Set %s=Transaction to let"
                    + " them join, or send with PgqrsProducer, which always does. See docs/transactions.md.",
                    kind.dataSource(), emitters, EMITTERS_JOIN);
        }
    }

    private static Set<String> failureStrategies(IndexView index) {
        Set<String> names = new LinkedHashSet<>(FailureStrategies.BUILT_IN);
        for (ClassInfo c : index.getAllKnownImplementors(FAILURE_HANDLER)) {
            AnnotationInstance id = c.declaredAnnotation(IDENTIFIER);
            if (id != null && id.value() != null) {
                names.add(id.value().asString());
            }
        }
        return names;
    }

    private static boolean isPgqrs(String channel, boolean incoming, List<ConnectorManagedChannelBuildItem> managed,
            ChannelConfig config) {
        Optional<String> connector = config.channelValue(channel, incoming, "connector");
        if (connector.isPresent()) {
            return PgqrsConnector.NAME.equalsIgnoreCase(connector.get().trim());
        }
        return managed.stream().anyMatch(m -> m.getName().equals(channel) && m.isIncoming() == incoming
                && PgqrsConnector.NAME.equalsIgnoreCase(m.getConnector()));
    }

    private record Discovered(String type, boolean batch) {
        static final Discovered NONE = new Discovered(null, false);
    }

    /** Peels Message, Uni, Multi, Emitter… off a signature type; a List (or Collection) means batch. */
    private static Discovered unwrap(Type type, boolean batch) {
        switch (type.kind()) {
            case PARAMETERIZED_TYPE -> {
                String raw = type.name().toString();
                List<Type> args = type.asParameterizedType().arguments();
                if (args.isEmpty()) {
                    return Discovered.NONE;
                }
                if (WRAPPERS.contains(raw)) {
                    return unwrap(args.get(0), batch);
                }
                if (LISTS.contains(raw) && !batch) {
                    return unwrap(args.get(0), true);
                }
                return new Discovered(raw, batch);
            }
            case CLASS -> {
                String raw = type.name().toString();
                if (raw.equals("java.lang.Object") || raw.equals("java.lang.Void") || WRAPPERS.contains(raw)) {
                    return new Discovered(null, batch);
                }
                return new Discovered(raw, batch);
            }
            case ARRAY -> {
                Type component = type.asArrayType().constituent();
                if (component.kind() == Type.Kind.PRIMITIVE && component.asPrimitiveType().primitive() == PrimitiveType.Primitive.BYTE
                        && type.asArrayType().dimensions() == 1) {
                    return new Discovered("byte[]", batch);
                }
                return Discovered.NONE;
            }
            default -> {
                return new Discovered(null, batch);
            }
        }
    }
}
