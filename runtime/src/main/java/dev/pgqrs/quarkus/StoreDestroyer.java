package dev.pgqrs.quarkus;

import dev.pgqrs.Store;
import io.quarkus.arc.BeanDestroyer;
import jakarta.enterprise.context.spi.CreationalContext;
import java.util.Map;

/** Closes the store (its pool and listener connection) at shutdown, after the channels have stopped. */
public class StoreDestroyer implements BeanDestroyer<Store> {
    @Override
    public void destroy(Store store, CreationalContext<Store> creationalContext, Map<String, Object> params) {
        store.close();
    }
}
