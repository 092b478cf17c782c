package dev.pgqrs.turso;

import dev.pgqrs.error.InvalidDsnException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where a Turso store lives, parsed from a DSN.
 *
 * <p>The rule for {@code libsql://} and {@code turso://}: they mean HTTPS (as Turso Cloud and the
 * libSQL clients do), except for a local address ({@code localhost}, {@code *.localhost},
 * {@code 127.x.x.x}, {@code ::1}, {@code 0.0.0.0}), which means plain HTTP because a local
 * {@code tursodb --sync-server} or {@code sqld} has no TLS. {@code ?tls=0} or {@code ?tls=1} overrides
 * the rule. {@code http://} and {@code https://} are used as written. The only other query
 * parameter is {@code authToken}, sent as a bearer token and never shown in descriptions.
 *
 * @param tokenFromDsn whether the token came from the DSN (for error messages that name the setting)
 */
record TursoUrl(URI baseUri, String authToken, boolean tokenFromDsn) {

    static TursoUrl parse(String dsn, String builderToken) {
        String trimmed = dsn.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new InvalidDsnException("The Turso DSN '" + redacted(trimmed) + "' is not a valid URL (" + e.getReason()
                    + "). Write it as libsql://host[:port][?authToken=…] or http(s)://host:port.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidDsnException("The Turso DSN '" + redacted(trimmed) + "' has no host. Write it as "
                    + "libsql://host[:port][?authToken=…] or http://127.0.0.1:8080.");
        }
        String token = null;
        Boolean tls = null;
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                switch (key) {
                    case "authToken" -> token = value.isEmpty() ? null : value;
                    case "tls" -> tls = !"0".equals(value) && !"false".equalsIgnoreCase(value);
                    default -> throw new InvalidDsnException("Unknown parameter '" + key + "' in the Turso DSN '" + redacted(trimmed)
                            + "'. Accepted: authToken, tls.");
                }
            }
        }
        String httpScheme = switch (scheme) {
            case "http", "https" -> {
                if (tls != null) {
                    throw new InvalidDsnException("The Turso DSN '" + redacted(trimmed) + "' sets tls with an " + scheme
                            + ":// URL; the scheme already decides it. Drop ?tls or use libsql://.");
                }
                yield scheme;
            }
            case "libsql", "turso" -> (tls != null ? tls : !isLocal(host)) ? "https" : "http";
            default -> throw new InvalidDsnException("'" + redacted(trimmed) + "' is not a Turso DSN. Use libsql://, turso://, "
                    + "http:// or https://.");
        };
        try {
            URI base = new URI(httpScheme, null, host, uri.getPort(), uri.getPath() == null ? "" : uri.getPath(), null, null);
            boolean fromDsn = token != null;
            if (builderToken != null) {
                if (fromDsn && !builderToken.equals(token)) {
                    throw new InvalidDsnException("Two different auth tokens were given: one in the DSN's ?authToken= and one "
                            + "with TursoStore.builder().authToken(…). Keep one.");
                }
                token = builderToken;
            }
            return new TursoUrl(base, token, fromDsn);
        } catch (URISyntaxException e) {
            throw new InvalidDsnException("Cannot build a URL from the Turso DSN '" + redacted(trimmed) + "': " + e.getReason());
        }
    }

    static boolean isLocal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1") || h.equals("0.0.0.0");
    }

    /** The URL without any token, for logs and errors. */
    String describe() {
        return "Turso at " + baseUri;
    }

    private static String redacted(String dsn) {
        return dsn.replaceAll("(?i)(authToken=)[^&]*", "$1***");
    }
}
