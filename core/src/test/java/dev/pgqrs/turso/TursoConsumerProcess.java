package dev.pgqrs.turso;

import dev.pgqrs.AckMode;
import dev.pgqrs.Consumer;
import dev.pgqrs.Message;
import dev.pgqrs.Store;
import java.time.Duration;
import java.util.List;

/**
 * The second process of {@link TursoTwoProcessTest}: consumes a queue until it stays empty, printing
 * {@code ID <id>} for every message it claimed. Arguments: URL, queue, batch size.
 */
public final class TursoConsumerProcess {

    private TursoConsumerProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (Store store = TursoStore.builder().url(args[0]).build(); Consumer consumer = store.consumer(args[1])) {
            System.out.println("READY");
            System.out.flush();
            consume(consumer, Integer.parseInt(args[2]), id -> System.out.println("ID " + id));
        }
        System.out.flush();
    }

    /** Claims and archives batches until a claim has waited a second and found nothing. */
    static int consume(Consumer consumer, int batch, java.util.function.LongConsumer claimed) throws InterruptedException {
        int total = 0;
        while (true) {
            List<Message> got = consumer.receive(batch, Duration.ofSeconds(30), Duration.ofSeconds(1));
            if (got.isEmpty()) {
                return total;
            }
            got.forEach(m -> claimed.accept(m.id()));
            total += got.size();
            consumer.ackAll(got.stream().map(Message::receipt).toList(), AckMode.ARCHIVE);
        }
    }
}
