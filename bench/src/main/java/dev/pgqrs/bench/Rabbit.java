package dev.pgqrs.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** The RabbitMQ baseline's broker (127.0.0.1:5672, guest/guest) and the channel settings for it. */
final class Rabbit {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5672;

    private Rabbit() {
    }

    /** The broker version, or null when it does not answer. */
    static String version() {
        try (Connection c = factory().newConnection()) {
            return String.valueOf(c.getServerProperties().get("version"));
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Declares the exchange, queue and binding the run uses and empties the queue. The consumer channel
     * subscribes only when the drain starts, so without this the prefill would be routed nowhere.
     */
    static void prepare(String queue) throws Exception {
        try (Connection c = factory().newConnection(); Channel ch = c.createChannel()) {
            ch.exchangeDeclare("bench", "direct", true);
            ch.queueDeclare(queue, true, false, false, null);
            ch.queueBind(queue, "bench", queue);
            ch.queuePurge(queue);
        }
    }

    /** Durable exchange and queue, publisher confirms, acks (persistent delivery is set per message by the app). */
    static Map<String, String> channelProperties(String kind) {
        String queue = queue(kind);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("rabbitmq-host", HOST);
        p.put("rabbitmq-port", String.valueOf(PORT));
        p.put("rabbitmq-username", "guest");
        p.put("rabbitmq-password", "guest");
        p.put("mp.messaging.outgoing.out.connector", "smallrye-rabbitmq");
        p.put("mp.messaging.outgoing.out.exchange.name", "bench");
        p.put("mp.messaging.outgoing.out.exchange.type", "direct");
        p.put("mp.messaging.outgoing.out.default-routing-key", queue);
        p.put("mp.messaging.outgoing.out.publish-confirms", "true");
        String in = "mp.messaging.incoming.in-" + kind + ".";
        p.put(in + "connector", "smallrye-rabbitmq");
        p.put(in + "exchange.name", "bench");
        p.put(in + "exchange.type", "direct");
        p.put(in + "queue.name", queue);
        p.put(in + "queue.durable", "true");
        p.put(in + "routing-keys", queue);
        return p;
    }

    static String queue(String kind) {
        return "pgqrs-bench-" + kind;
    }

    private static ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(HOST);
        f.setPort(PORT);
        f.setUsername("guest");
        f.setPassword("guest");
        f.setConnectionTimeout(3000);
        return f;
    }
}
