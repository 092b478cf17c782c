package dev.pgqrs.quarkus.deployment.txn;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What the reactive consumer stores: one row per order id (the primary key makes a second one fail). */
@Entity
@Table(name = "hr_shipped")
public class ShippedOrder {
    @Id
    public String id;

    public String via;

    public ShippedOrder() {
    }

    public ShippedOrder(String id, String via) {
        this.id = id;
        this.via = via;
    }
}
