package dev.pgqrs.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgqrs.Message;
import dev.pgqrs.Store;
import dev.pgqrs.error.InvalidArgumentException;
import io.agroal.api.AgroalDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A SQLite store built on an application's datasource instead of a path. */
class SqliteDataSourceTest {

    @Test
    void theFileIsFoundThroughTheDatasourceAndSwitchedToWal() throws Exception {
        SqliteDataSourceFixture fixture = new SqliteDataSourceFixture("ds-file");
        try (SqliteStore store = (SqliteStore) fixture.open()) {
            assertThat(store.file()).isEqualTo(fixture.file().toAbsolutePath().normalize());
            assertThat(store.describe()).contains("application datasource").contains(fixture.file().getFileName().toString());
            try (Connection c = fixture.pool().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
        }
    }

    @Test
    void aDatasourceStoreAndAPathStoreShareOneFile() {
        SqliteDataSourceFixture fixture = new SqliteDataSourceFixture("ds-shared");
        try (Store viaDataSource = fixture.open(); Store viaPath = SqliteStore.builder().path(fixture.file()).build()) {
            viaDataSource.admin().createQueue("orders");
            viaDataSource.producer("orders").send("{\"via\":\"datasource\"}");
            List<Message> got = viaPath.consumer("orders").receive(1, Duration.ofSeconds(30));
            assertThat(got).singleElement().satisfies(m -> assertThat(m.payload()).contains("datasource"));
        }
    }

    @Test
    void closingTheStoreLeavesTheApplicationsPoolOpen() throws Exception {
        SqliteDataSourceFixture fixture = new SqliteDataSourceFixture("ds-close");
        fixture.open().close();
        try (Connection c = fixture.pool().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pgqrs_queues")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void anInMemoryDatasourceIsRefused() {
        try (AgroalDataSource memory = SqliteDataSourceFixture.pool("jdbc:sqlite::memory:")) {
            assertThatThrownBy(() -> SqliteStore.builder().dataSource(memory).build())
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("in-memory")
                    .hasMessageContaining("jdbc:sqlite:");
        }
    }

    @Test
    void aFileAndADatasourceTogetherAreRefused() {
        SqliteDataSourceFixture fixture = new SqliteDataSourceFixture("ds-both");
        assertThatThrownBy(() -> SqliteStore.builder().path(Path.of("x.db")).dataSource(fixture.pool()).build())
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("not both");
    }
}
