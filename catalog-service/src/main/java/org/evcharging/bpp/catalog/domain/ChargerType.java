package org.evcharging.bpp.catalog.domain;

public enum ChargerType {
    AC, DC
}
