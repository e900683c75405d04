package org.evcharging.bpp.simulator;

import java.time.Instant;

/**
 * One reading of a connector's meter, taken when it happened and reported perhaps much later (offline), always with
 * this timestamp.
 *
 * @param timestamp when it was read, to the millisecond
 * @param registerWh the energy register ("Energy.Active.Import.Register"), integer Wh
 * @param powerW the power at that moment, W
 * @param socPercent the EV's state of charge, whole percent; -1 when the charger does not know it (AC)
 */
record MeterSample(Instant timestamp, long registerWh, long powerW, int socPercent) {
}
