package org.evcharging.bpp.catalog.domain;

/** Connector standards in use in India and beyond; published with these exact names. */
public enum ConnectorType {

    CCS2, Type2, CHAdeMO, GB_T, Type1;

    public static ConnectorType parse(String s) {
        for (ConnectorType t : values()) {
            if (t.name().equalsIgnoreCase(s) || t.name().replace("_", "/").equalsIgnoreCase(s)) {
                return t;
            }
        }
        return null;
    }
}
