package dev.pgqrs.sqlite;

import dev.pgqrs.Store;
import dev.pgqrs.StoreCapabilities;
import dev.pgqrs.conformance.StoreFixture;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/** A SQLite file reached through an application's connection pool, as a Quarkus datasource would give it. */
final class SqliteDataSourceFixture implements StoreFixture {
    private final Path file;
    private final AgroalDataSource pool;

    SqliteDataSourceFixture(String name) {
        this.file = SqliteFixture.newFile(name);
        this.pool = pool("jdbc:sqlite:" + file + "?busy_timeout=5000&foreign_keys=true");
    }

    static AgroalDataSource pool(String url) {
        try {
            return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(p -> p.maxSize(4).acquisitionTimeout(Duration.ofSeconds(30))
                            .connectionFactoryConfiguration(f -> f.connectionProviderClass(org.sqlite.JDBC.class).jdbcUrl(url))));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Path file() {
        return file;
    }

    AgroalDataSource pool() {
        return pool;
    }

    @Override
    public Store open() {
        return SqliteStore.builder().dataSource(pool).build();
    }

    @Override
    public StoreCapabilities expectedCapabilities() {
        return new StoreCapabilities(false, false, true, false);
    }
}
