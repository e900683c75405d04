package org.evcharging.bpp.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One transaction on one connector, from the remote start to its end. In 2.0.1 the charger names it (a UUID) at once;
 * in 1.6 the central system does, in its StartTransaction.conf, which may come long after (offline): messages queued
 * meanwhile are built when sent, by then with the id.
 */
final class SimTransaction {

    final ConnectorState connector;
    /** 1.6: the idTag text; 2.0.1: the IdTokenType object, as the central system gave it (schema-checked). */
    final JsonNode idToken;
    /** 2.0.1's remoteStartId; null in 1.6. */
    final Integer remoteStartId;
    final MeterModel meter;
    final MeterSample begin;
    private String transactionId;
    private int nextSeqNo;
    Scheduler.Cancellable meterTimer;
    Scheduler.Cancellable fullTimer;

    SimTransaction(ConnectorState connector, JsonNode idToken, Integer remoteStartId, String transactionId,
            MeterModel meter, MeterSample begin) {
        this.connector = connector;
        this.idToken = idToken;
        this.remoteStartId = remoteStartId;
        this.transactionId = transactionId;
        this.meter = meter;
        this.begin = begin;
    }

    /** The id the central system knows it by; null while a 1.6 StartTransaction is unanswered. */
    String transactionId() {
        return transactionId;
    }

    void identified(String id) {
        transactionId = id;
    }

    /** 2.0.1's seqNo, from 0 within the transaction. */
    int nextSeqNo() {
        return nextSeqNo++;
    }

    void cancelTimers() {
        if (meterTimer != null) {
            meterTimer.cancel();
        }
        if (fullTimer != null) {
            fullTimer.cancel();
        }
    }
}
