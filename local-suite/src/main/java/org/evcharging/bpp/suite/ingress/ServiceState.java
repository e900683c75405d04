package org.evcharging.bpp.suite.ingress;

/** What the ingress knows of a service: it answers for it, it is still starting, or it is not deployed at all. */
public enum ServiceState {
    RUNNING, STARTING, NOT_DEPLOYED
}
