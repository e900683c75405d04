package org.evcharging.bpp.ocpp;

/**
 * Which half of an exchange a payload is: the request a CALL carries or the response its CALLRESULT carries. Every
 * OCPP action has one schema for each.
 */
public enum Direction {
    REQUEST, RESPONSE
}
