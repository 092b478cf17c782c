package dev.pgqrs.it;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An order handed to a carrier: at most one per order (the primary key). */
@Entity
public class Shipment {
    @Id
    public String orderId;

    public String carrier;

    public Shipment() {
    }

    public Shipment(String orderId, String carrier) {
        this.orderId = orderId;
        this.carrier = carrier;
    }
}
