package org.evcharging.bpp.simulator;

/** Which of a transaction's messages: 1.6 StartTransaction, MeterValues, StopTransaction; 2.0.1's event types. */
enum TransactionPhase {
    STARTED, UPDATED, ENDED
}
