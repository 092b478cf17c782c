package dev.pgqrs.it;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(OnTurso.class)
class TursoOrderFlowTest extends OrderFlowTest {
    @Override
    String expectedStoreDetails() {
        return "store turso, MULTI_PROCESS";
    }
}
