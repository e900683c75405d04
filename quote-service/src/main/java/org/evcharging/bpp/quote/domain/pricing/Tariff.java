package org.evcharging.bpp.quote.domain.pricing;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.List;

/**
 * A provider's price list: energy (or swap) rates that may depend on the service, the charger type, the location and
 * the time of day; a fee for blocking a charger; the tax on charging; and the discounts it offers. Amounts are in
 * {@code currency}, rates per unit (kWh or swap).
 */
public record Tariff(String providerId, String currency, List<Rate> rates, BlockFee blockFee, List<Tax> taxes,
        List<Discount> discounts) {

    /** Services priced by a rate. */
    public enum Service {
        CHARGING, BATTERY_SWAP, MOBILE_BATTERY_SWAP
    }

    /**
     * A price per unit. Null fields match anything. Among the rates that match, the most specific wins: service, then
     * location, then charger type, then time window; then the first listed. A window {@code from..to} may wrap midnight.
     */
    public record Rate(Service service, String chargerType, String locationId, LocalTime from, LocalTime to,
            BigDecimal pricePerUnit) {

        boolean matches(Service s, String charger, String location, LocalTime at) {
            return (service == null || service == s)
                    && (chargerType == null || chargerType.equalsIgnoreCase(charger))
                    && (locationId == null || locationId.equals(location))
                    && (from == null || to == null || inWindow(at));
        }

        private boolean inWindow(LocalTime at) {
            return from.isBefore(to) ? !at.isBefore(from) && at.isBefore(to) : !at.isBefore(from) || at.isBefore(to);
        }

        int specificity() {
            return (service != null ? 8 : 0) + (locationId != null ? 4 : 0) + (chargerType != null ? 2 : 0)
                    + (from != null && to != null ? 1 : 0);
        }
    }

    /** Blocking a charger for a slot: a fixed fee per slot plus a fee per minute blocked. */
    public record BlockFee(BigDecimal perSlot, BigDecimal perMinute) {

        public static final BlockFee NONE = new BlockFee(BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /**
     * A tax in percent on what is sold (energy, swaps, the block fee, paid add-ons), after discounts, for one
     * service or (null) all; several apply side by side, e.g. CGST 9 % and SGST 9 %.
     */
    public record Tax(String name, BigDecimal percent, Service service) {

        boolean appliesTo(Service s) {
            return service == null || service == s;
        }
    }

    /**
     * A discount: a percentage of, or an amount off, the energy (or swap) and block fee. It applies when every
     * condition given holds. Discounts marked {@code combinable} add up; of the others only the one worth most
     * applies, and only if it is worth more than the combinable ones together.
     */
    public record Discount(String id, String name, Kind kind, BigDecimal value, boolean combinable,
            String forBapId, String forVehicleType, String forSubscription, Boolean firstTimeUser) {

        public enum Kind {
            PERCENT, AMOUNT
        }

        boolean appliesTo(Customer c) {
            return (forBapId == null || forBapId.equals(c.bapId()))
                    && (forVehicleType == null || forVehicleType.equalsIgnoreCase(c.vehicleType()))
                    && (forSubscription == null || forSubscription.equalsIgnoreCase(c.subscription()))
                    && (firstTimeUser == null || firstTimeUser == c.firstTimeUser());
        }
    }

    /** Who is buying, as far as discounts care. */
    public record Customer(String bapId, String vehicleType, String subscription, boolean firstTimeUser) {
    }

    /** The default when a provider has published no tariff: the catalog's list price, no fee, no tax, no discount. */
    public static Tariff listPriceOnly(String providerId, String currency) {
        return new Tariff(providerId, currency, List.of(), BlockFee.NONE, List.of(), List.of());
    }
}
