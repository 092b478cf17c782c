package dev.pgqrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgqrs.error.InvalidDsnException;
import org.junit.jupiter.api.Test;

class PgqrsTest {

    @Test
    void theStoreKindFollowsTheScheme() {
        assertThat(Pgqrs.storeKind("postgresql://h/db")).isEqualTo("postgres");
        assertThat(Pgqrs.storeKind("postgres://h/db")).isEqualTo("postgres");
        assertThat(Pgqrs.storeKind("jdbc:postgresql://h/db")).isEqualTo("postgres");
        assertThat(Pgqrs.storeKind("sqlite:target/q.db")).isEqualTo("sqlite");
        assertThat(Pgqrs.storeKind("jdbc:sqlite:target/q.db")).isEqualTo("sqlite");
        assertThat(Pgqrs.storeKind("libsql://db.turso.io")).isEqualTo("turso");
        assertThat(Pgqrs.storeKind("turso://db")).isEqualTo("turso");
        assertThat(Pgqrs.storeKind("http://127.0.0.1:8080")).isEqualTo("turso");
        assertThat(Pgqrs.storeKind("https://db.example")).isEqualTo("turso");
    }

    @Test
    void anUnknownSchemeNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> Pgqrs.connect("mysql://root@localhost/db"))
                .isInstanceOf(InvalidDsnException.class)
                .hasMessageContaining("'mysql'")
                .hasMessageContaining("postgresql://").hasMessageContaining("sqlite:").hasMessageContaining("libsql://");
        assertThatThrownBy(() -> Pgqrs.connect("")).isInstanceOf(InvalidDsnException.class);
        assertThatThrownBy(() -> Pgqrs.connect(null)).isInstanceOf(InvalidDsnException.class);
    }

    @Test
    void secretsAreRedactedFromDsnsInMessages() {
        assertThatThrownBy(() -> Pgqrs.connect("mysql://u:hunter2@h/db?authToken=abc"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("abc"));
    }
}
