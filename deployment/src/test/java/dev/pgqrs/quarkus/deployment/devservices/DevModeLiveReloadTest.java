package dev.pgqrs.quarkus.deployment.devservices;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusDevModeTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A live reload keeps the Dev Services store (the embedded PostgreSQL) and what is in it. */
class DevModeLiveReloadTest {

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClass(DevModeEndpoints.class));

    @Test
    void liveReloadKeepsTheStoreAndItsData() {
        String dsn = get("/dsn").then().statusCode(200).extract().asString();
        assertThat(dsn).startsWith("postgresql://postgres@localhost:");
        for (int i = 0; i < 3; i++) {
            post("/enqueue").then().statusCode(200);
        }
        assertThat(get("/ready").then().statusCode(200).extract().asString()).isEqualTo("3");

        DEV.modifySourceFile(DevModeEndpoints.class, source -> source.replace("rc.end(\"v1\")", "rc.end(\"v2\")"));

        assertThat(get("/version").then().statusCode(200).extract().asString()).isEqualTo("v2");
        assertThat(get("/dsn").then().statusCode(200).extract().asString()).isEqualTo(dsn);
        assertThat(get("/ready").then().statusCode(200).extract().asString()).isEqualTo("3");
    }
}
