package dev.pgqrs.conformance;

import dev.pgqrs.ConcurrencyModel;
import dev.pgqrs.Store;
import dev.pgqrs.StoreCapabilities;

/** How the conformance suite reaches one database. */
public interface StoreFixture {

    /** A new, independent store object on the fixture's database; the caller closes it. */
    Store open();

    /** What the store must report. */
    StoreCapabilities expectedCapabilities();

    default ConcurrencyModel expectedConcurrencyModel() {
        return expectedCapabilities().concurrencyModel();
    }
}
