package org.evcharging.bpp.catalog.domain;

/**
 * What kind of seller a provider is. Each kind is also a category code a BAP can search by
 * ({@code intent.category.descriptor.code}), and it appears in the provider's categories of every on_search.
 */
public enum EnergySource {

    CHARGING_NETWORK("ev-charging-network", "EV charging network"), SOLAR_FARM("solar-farm",
            "Solar farm providing EV charging"), HOME("home-charger",
                    "Home providing EV charging"), BATTERY_SWAP("battery-swap-provider", "Battery swap provider");

    private final String code;
    private final String label;

    EnergySource(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static EnergySource fromCode(String code) {
        for (EnergySource s : values()) {
            if (s.code.equalsIgnoreCase(code) || s.name().equalsIgnoreCase(code)) {
                return s;
            }
        }
        return null;
    }
}
