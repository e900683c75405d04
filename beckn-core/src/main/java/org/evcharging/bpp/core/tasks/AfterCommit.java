package org.evcharging.bpp.core.tasks;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * Work tied to the outcome of the caller's JTA transaction: what must happen only once a change is committed (hand a
 * callback to the dispatcher, ask for a refund now rather than at the next sweep), or only if it rolled back (undo a
 * side effect outside the database). The work runs on the thread that completes the transaction: keep it short, and
 * hand anything slow to an executor.
 */
public final class AfterCommit {

    private static final SafeLog LOG = SafeLog.of(AfterCommit.class);

    private AfterCommit() {
    }

    /** Runs {@code work} after the caller's transaction commits; never if it rolls back. */
    public static void run(TransactionSynchronizationRegistry transactions, Runnable work) {
        on(transactions, true, work);
    }

    /**
     * Hands {@code work} to {@code executor} once the caller's transaction commits: the work a sweep would otherwise
     * find due a few seconds later, done at once. An executor that refuses it (shutting down, full) leaves it to that
     * sweep, which is said in the log.
     */
    public static void soon(TransactionSynchronizationRegistry transactions, Executor executor, Runnable work,
            String what) {
        run(transactions, () -> {
            try {
                executor.execute(work);
            } catch (RuntimeException busy) {
                LOG.log(Level.INFO, "{0} left to its sweep: {1}", new Object[] {what, busy.toString()});
            }
        });
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
