package org.evcharging.bpp.helm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The command-line tools the chart's scripts need (bash, openssl): found, or installed from Debian's packages as root
 * on a fresh build machine. A test that needs one fails saying what is missing; it never skips.
 */
final class Tools {

    private Tools() {
    }

    /** Makes sure {@code command} runs ({@code command version}-like check by its path), installing {@code pkg} if not. */
    static synchronized void ensure(String command, String pkg) {
        if (onPath(command)) {
            return;
        }
        String log = "";
        if (Files.isExecutable(Path.of("/usr/bin/apt-get")) && "root".equals(System.getProperty("user.name"))) {
            log = run("apt-get", "-q", "install", "-y", "--no-install-recommends", pkg);
            if (!onPath(command)) {
                log += run("apt-get", "-q", "update")
                        + run("apt-get", "-q", "install", "-y", "--no-install-recommends", pkg);
            }
        }
        if (!onPath(command)) {
            throw new AssertionError("the chart's scripts need " + command + " (Debian package " + pkg + "): install it"
                    + (log.isEmpty() ? "" : "; apt-get could not:\n" + log));
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static String run(String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.MINUTES);
            return String.join(" ", command) + " -> " + p.exitValue() + "\n"
                    + out.substring(Math.max(0, out.length() - 1500));
        } catch (IOException e) {
            return String.join(" ", command) + " failed: " + e + "\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return String.join(" ", command) + " interrupted\n";
        }
    }
}
