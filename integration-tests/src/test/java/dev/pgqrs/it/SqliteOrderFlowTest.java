package dev.pgqrs.it;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(OnSqlite.class)
class SqliteOrderFlowTest extends OrderFlowTest {
    @Override
    String expectedStoreDetails() {
        return "store sqlite, SINGLE_PROCESS";
    }
}
