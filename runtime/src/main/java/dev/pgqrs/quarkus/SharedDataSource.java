package dev.pgqrs.quarkus;

import dev.pgqrs.Store;
import dev.pgqrs.postgres.PostgresStore;
import dev.pgqrs.sqlite.SqliteStore;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.Optional;
import javax.sql.DataSource;

/** Opens the store on a Quarkus (Agroal) datasource; kept apart so Agroal is needed only when it is used. */
final class SharedDataSource {
    private SharedDataSource() {
    }

    static Store open(SyntheticCreationalContext<Store> ctx, String dataSourceName, String kind, Optional<String> schema) {
        DataSource ds = ctx.getInjectedReference(DataSource.class, AgroalDataSourceUtil.qualifier(dataSourceName));
        if (PostgresStore.KIND.equals(kind)) {
            return PostgresStore.builder().dataSource(ds).schema(schema.orElse("public")).build();
        }
        if (SqliteStore.KIND.equals(kind)) {
            return SqliteStore.builder().dataSource(ds).build();
        }
        throw new ConfigurationException("quarkus.pgqrs.datasource=" + dataSourceName + " cannot hold a " + kind
                + " store: a shared datasource must be PostgreSQL or SQLite.");
    }
}
