package dev.pgqrs.postgres;

import dev.pgqrs.error.InvalidDsnException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL connection string, as {@code postgresql://user:password@host:port/db?params},
 * {@code postgres://…} or {@code jdbc:postgresql://host/db?user=…}, turned into a JDBC URL and
 * credentials.
 */
record PostgresDsn(String jdbcUrl, String user, String password) {

    static PostgresDsn parse(String dsn) {
        if (dsn == null || dsn.isBlank()) {
            throw new InvalidDsnException("The PostgreSQL DSN is empty. Use postgresql://user:password@host:5432/database.");
        }
        if (dsn.startsWith("jdbc:postgresql:")) {
            return new PostgresDsn(dsn, null, null);
        }
        String rest;
        if (dsn.startsWith("postgresql://")) {
            rest = dsn.substring("postgresql://".length());
        } else if (dsn.startsWith("postgres://")) {
            rest = dsn.substring("postgres://".length());
        } else {
            throw new InvalidDsnException("'" + redact(dsn) + "' is not a PostgreSQL DSN. Use postgresql://user:password@host:5432/database.");
        }
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (URISyntaxException e) {
            throw new InvalidDsnException("Cannot parse the PostgreSQL DSN '" + redact(dsn) + "': " + e.getReason()
                    + ". Use postgresql://user:password@host:5432/database (percent-encode special characters in the password).");
        }
        if (uri.getHost() == null) {
            throw new InvalidDsnException("The PostgreSQL DSN '" + redact(dsn) + "' names no host. Use postgresql://user:password@host:5432/database.");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String db = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "" : uri.getRawPath().substring(1);
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            url.append(':').append(uri.getPort());
        }
        url.append('/').append(db);
        if (uri.getRawQuery() != null) {
            url.append('?').append(uri.getRawQuery());
        }
        return new PostgresDsn(url.toString(), user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The DSN with any password replaced, safe to log. */
    static String redact(String dsn) {
        return dsn == null ? null : dsn.replaceAll("(://[^:/@]+:)[^@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
