package org.evcharging.bpp.core.tasks;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Work tied to the outcome of the caller's JTA transaction: what must happen only once a change is committed (hand a
 * callback to the dispatcher, ask for a refund now rather than at the next sweep), or only if it rolled back (undo a
 * side effect outside the database). The work runs on the thread that completes the transaction: keep it short, and
 * hand anything slow to an executor.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code work} after the caller's transaction commits; never if it rolls back. */
    public static void run(TransactionSynchronizationRegistry transactions, Runnable work) {
        on(transactions, true, work);
    }

    /** Runs {@code work} if the caller's transaction does not commit. */
    public static void ifRolledBack(TransactionSynchronizationRegistry transactions, Runnable work) {
        on(transactions, false, work);
    }

    private static void on(TransactionSynchronizationRegistry transactions, boolean committed, Runnable work) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if ((status == Status.STATUS_COMMITTED) == committed) {
                    work.run();
                }
            }
        });
    }
}
