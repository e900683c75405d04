package org.evcharging.bpp.order.application;

import java.util.ArrayList;
import java.util.List;
import org.evcharging.bpp.order.domain.ChargingSession;
import org.evcharging.bpp.order.infrastructure.metrics.OrderMetrics;

/** {@link OrderMetrics} without a registry: what would be counted, in order ("booked charging", "ended finished"). */
public class CountedMetrics extends OrderMetrics {

    public final List<String> counted = new ArrayList<>();

    @Override
    public void booked(boolean swap) {
        counted.add("booked " + (swap ? "swap" : "charging"));
    }

    @Override
    public void sessionStarted(boolean swap) {
        counted.add("started " + (swap ? "swap" : "charging"));
    }

    @Override
    public void sessionEnded(ChargingSession.End end) {
        counted.add("ended " + end.name().toLowerCase(java.util.Locale.ROOT));
    }
}
