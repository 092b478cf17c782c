package dev.pgqrs.it;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(OnPostgres.class)
class PostgresOrderFlowTest extends OrderFlowTest {
    @Override
    String expectedStoreDetails() {
        return "store postgres, MULTI_PROCESS";
    }
}
