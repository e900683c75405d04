package org.evcharging.bpp.charger.api.ocpp;

import java.time.Instant;
import org.evcharging.bpp.charger.application.transactions.Transactions;

/**
 * The measurands of one meter value as either version's sampled values are read: the energy register (Wh; kWh
 * converted), the state of charge and the active power (W; kW converted). Others are not billed and left out.
 */
final class SampledValues {

    static final String ENERGY = "Energy.Active.Import.Register";

    private Long energyWh;
    private Integer socPercent;
    private Double powerW;

    void add(String measurand, String unit, double value) {
        switch (measurand) {
            case ENERGY -> energyWh = Math.round("kWh".equals(unit) ? value * 1000 : value);
            case "SoC" -> socPercent = (int) Math.round(value);
            case "Power.Active.Import" -> powerW = "kW".equals(unit) ? value * 1000 : value;
            default -> {
                // not billed
            }
        }
    }

    Transactions.Sample at(Instant at) {
        return new Transactions.Sample(at, energyWh, socPercent, powerW);
    }
}
