package org.evcharging.bpp.catalog.domain;

/** A provider or item is published while ACTIVE; RETIRED ones are kept (orders refer to them) but never found. */
public enum Status {
    ACTIVE, RETIRED
}
