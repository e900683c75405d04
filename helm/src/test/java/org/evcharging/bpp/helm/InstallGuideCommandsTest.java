package org.evcharging.bpp.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The install guide's commands ({@code docs/kubernetes.md}), exactly as written, render: each {@code helm install} and
 * {@code helm upgrade} there is replayed through helm's library with its -f, --set and --set-file arguments.
 */
class InstallGuideCommandsTest {

    private static List<List<String>> helmCommands() throws Exception {
        String section = Files.readString(Chart.REPO.resolve("docs/kubernetes.md")).replace("\\\n", " ");
        assertTrue(section.startsWith("# Install on Kubernetes"), "the install guide is docs/kubernetes.md");
        List<List<String>> commands = new ArrayList<>();
        for (String line : section.lines().toList()) {
            String l = line.trim();
            if (l.startsWith("helm install ") || l.startsWith("helm upgrade ")) {
                commands.add(List.of(l.split("\\s+")));
            }
        }
        return commands;
    }

    @Test
    void everyHelmCommandOfTheInstallGuideRenders() throws Exception {
        List<List<String>> commands = helmCommands();
        assertEquals(3, commands.size(), "default, external database, busy region: " + commands);
        Path pem = Files.createTempFile("jwt-public", ".pem");
        Files.writeString(pem,
                "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n");
        for (List<String> args : commands) {
            assertEquals("helm/ev-charging-bpp", args.get(3), args.toString());
            StubApiServer.start();
            TemplateCommand cmd = new Helm(Chart.REPO.resolve(args.get(3))).template().withName(args.get(2))
                    .withKubeVersion(Chart.KUBE_VERSION);
            for (int i = 4; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--namespace", "-n" -> cmd.withNamespace(args.get(++i));
                    case "-f", "--values" -> {
                        Path file = Chart.REPO.resolve(args.get(++i));
                        assertTrue(Files.isRegularFile(file), file + " named in the install guide exists");
                        cmd.withValuesFile(file);
                    }
                    case "--set" -> {
                        String[] kv = args.get(++i).split("=", 2);
                        cmd.set(kv[0], kv[1]);
                    }
                    case "--set-file" -> cmd.setFile(args.get(++i).split("=", 2)[0], pem);
                    default -> throw new AssertionError("an argument the test does not replay: " + a + " in " + args);
                }
            }
            List<HasMetadata> objects = new KubernetesSerialization().unmarshal(cmd.call());
            long deployments = objects.stream().filter(Deployment.class::isInstance).count();
            assertEquals(Cluster.RouteTable.read(Chart.DIR).modules().size(), deployments,
                    "every service of routes.yaml: " + args);
        }
    }
}
