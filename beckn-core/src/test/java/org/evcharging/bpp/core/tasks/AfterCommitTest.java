package org.evcharging.bpp.core.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AfterCommitTest {

    /** The registry of one transaction: it keeps what was registered and completes with a status. */
    static final class OneTransaction implements TransactionSynchronizationRegistry {

        final List<Synchronization> registered = new ArrayList<>();

        void complete(int status) {
            registered.forEach(s -> s.afterCompletion(status));
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            registered.add(sync);
        }

        @Override
        public Object getTransactionKey() {
            return this;
        }

        @Override
        public void putResource(Object key, Object value) {
        }

        @Override
        public Object getResource(Object key) {
            return null;
        }

        @Override
        public int getTransactionStatus() {
            return Status.STATUS_ACTIVE;
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }

    @Test
    void work_after_commit_runs_only_when_the_transaction_commits() {
        List<String> ran = new ArrayList<>();
        OneTransaction committed = new OneTransaction();
        AfterCommit.run(committed, () -> ran.add("committed"));
        AfterCommit.ifRolledBack(committed, () -> ran.add("undo"));
        committed.complete(Status.STATUS_COMMITTED);
        OneTransaction rolledBack = new OneTransaction();
        AfterCommit.run(rolledBack, () -> ran.add("never"));
        AfterCommit.ifRolledBack(rolledBack, () -> ran.add("undone"));
        rolledBack.complete(Status.STATUS_ROLLEDBACK);
        assertEquals(List.of("committed", "undone"), ran);
    }

    @Test
    void work_handed_to_an_executor_after_commit_is_left_to_the_sweep_when_the_executor_refuses_it() {
        List<String> ran = new ArrayList<>();
        OneTransaction tx = new OneTransaction();
        AfterCommit.soon(tx, Runnable::run, () -> ran.add("soon"), "a push");
        AfterCommit.soon(tx, work -> {
            throw new java.util.concurrent.RejectedExecutionException("shutting down");
        }, () -> ran.add("never"), "another push");
        tx.complete(Status.STATUS_COMMITTED);
        assertEquals(List.of("soon"), ran, "the refused one is not run, and its refusal does not fail the commit");
        OneTransaction rolledBack = new OneTransaction();
        AfterCommit.soon(rolledBack, Runnable::run, () -> ran.add("rolled back"), "a push");
        rolledBack.complete(Status.STATUS_ROLLEDBACK);
        assertEquals(List.of("soon"), ran);
    }
}
