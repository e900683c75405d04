package org.evcharging.bpp.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Free ports below the kernel's ephemeral range (which starts at 32768 on Linux): a port the kernel hands out
 * (bind to 0) can be taken again by any outgoing connection (JDBC, HTTP clients) before the server binds it, a
 * race the ITs met. Ports given out by this JVM are not given twice.
 */
final class FreePorts {

    private static final Random RANDOM = new SecureRandom();
    private static final Set<Integer> GIVEN = new HashSet<>();

    private FreePorts() {
    }

    static synchronized int take() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + RANDOM.nextInt(12_000);
            if (!GIVEN.add(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                return port;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port between 20000 and 32000"));
    }
}
