package org.evcharging.bpp.core.rest;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The fault tolerance of a call to a peer service, declared once: 3 s per call; two retries, never for the peer's own
 * "no" ({@link PeerErrors.PeerRefused}) nor into an open circuit; a circuit per method that opens after three failures
 * in four calls and tries again after 5 s. A service's wrapper of a peer's REST client extends this class and inherits
 * the settings (MicroProfile Fault Tolerance's annotations are {@code @Inherited}); a method that needs others
 * declares its own, and MicroProfile Config can change any of them without a build.
 */
@Timeout(3000)
@Retry(maxRetries = 2, delay = 150, jitter = 100, abortOn = {PeerErrors.PeerRefused.class,
        CircuitBreakerOpenException.class})
@CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000, skipOn = PeerErrors.PeerRefused.class)
public abstract class PeerCalls {
}
