package org.evcharging.bpp.payment.domain;

/** Column types shared by the payment tables. */
public final class Columns {

    /**
     * Instants are stored to the millisecond, which is how the service makes them ({@code truncatedTo(MILLIS)}): a
     * time read back from the table is then exactly the one answered when it was written.
     */
    public static final String MILLIS = "DATETIME(3)";

    private Columns() {
    }
}
