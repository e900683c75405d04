package org.evcharging.bpp.suite.liberty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibertyServerTest {

    @TempDir
    Path dir;

    @Test
    void a_server_is_laid_out_from_the_module_config_with_its_war_and_the_jdbc_driver() throws IOException {
        Path config = Files.createDirectories(dir.resolve("catalog-service/src/main/liberty/config"));
        Files.writeString(config.resolve("server.xml"), "<server/>");
        Files.writeString(config.resolve("jvm.options"), "-Dx=1");
        Path war = Files.writeString(dir.resolve("catalog-service.war"), "war");
        Path driver = Files.writeString(dir.resolve("mariadb-java-client-3.5.7.jar"), "jar");
        Path userDir = dir.resolve("wlp-usr");
        Path stale = Files.createDirectories(userDir.resolve("servers/catalog-service/apps"))
                .resolve("old-service.war");
        Files.writeString(stale, "old");

        LibertyServer.prepare("catalog-service", config, war, List.of(driver), userDir);

        Path server = userDir.resolve("servers/catalog-service");
        assertEquals("<server/>", Files.readString(server.resolve("server.xml")));
        assertEquals("-Dx=1", Files.readString(server.resolve("jvm.options")));
        assertEquals("war", Files.readString(server.resolve("apps/catalog-service.war")));
        assertFalse(Files.exists(stale), "apps/ holds only this build's war");
        assertTrue(Files.isRegularFile(userDir.resolve("shared/resources/jdbc/mariadb-java-client-3.5.7.jar")));
    }

    @Test
    void a_module_without_server_xml_is_refused() throws IOException {
        Path config = Files.createDirectories(dir.resolve("x/src/main/liberty/config"));
        Path war = Files.writeString(dir.resolve("x.war"), "war");
        assertThrows(IOException.class, () -> LibertyServer.prepare("x", config, war, List.of(), dir.resolve("usr")));
    }
}
