package org.evcharging.bpp.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The chart under test, driven through helm's own library (helm-java) as {@code helm lint} and {@code helm template}
 * would run it, without a helm binary or a cluster. Output is parsed into fabric8's typed objects.
 */
final class Chart {

    static final String RELEASE = "bpp";
    static final String NAMESPACE = "ev-charging";
    static final String KUBE_VERSION = "1.30.0";

    static final Path DIR = Paths.get(System.getProperty("chart.dir", "ev-charging-bpp")).toAbsolutePath().normalize();
    static final Path REPO = Paths.get(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    static final Path BUSY_REGION = DIR.resolve("values-busy-region.yaml");
    static final Path EXTERNAL_DATABASE = REPO.resolve("helm/examples/values-external-database.yaml");
    /**
     * Added first to every render and lint here: the chart refuses the sandbox payment gateway unless told, and these
     * tests check everything else. The payment settings are tested without it ({@link #templateAsGiven}).
     */
    static final Path TRIAL_PAYMENTS = Paths.get(System.getProperty("trial.payments",
            "src/test/resources/values-trial-payments.yaml")).toAbsolutePath().normalize();

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Chart() {
    }

    /** {@code helm template} with these values files (in order) and {@code --set}s; returns the manifests' text. */
    static String template(List<Path> valuesFiles, Map<String, Object> sets) {
        return template(DIR, valuesFiles, sets);
    }

    static String template(Path chartDir, List<Path> valuesFiles, Map<String, Object> sets) {
        return templateAsGiven(chartDir, withTrialPayments(valuesFiles), sets);
    }

    /** {@code helm template} with exactly these values over the chart's defaults. */
    static String templateAsGiven(Path chartDir, List<Path> valuesFiles, Map<String, Object> sets) {
        StubApiServer.start();
        TemplateCommand cmd = new Helm(chartDir).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        valuesFiles.forEach(cmd::withValuesFile);
        sets.forEach(cmd::set);
        return cmd.call();
    }

    /**
     * The chart's NOTES as {@code helm install} prints them: an install dry run on the client only (helm's own
     * {@code template} path), which contacts no cluster.
     */
    static String notes(List<Path> valuesFiles, Map<String, Object> sets) {
        InstallCommand cmd = new Helm(DIR).install().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION).dryRun().withDryRunOption(DryRun.CLIENT).clientOnly();
        withTrialPayments(valuesFiles).forEach(cmd::withValuesFile);
        sets.forEach(cmd::set);
        String output = cmd.call().getOutput();
        int notes = output.indexOf("NOTES:");
        return notes < 0 ? "" : output.substring(notes);
    }

    static Rendered render(List<Path> valuesFiles, Map<String, Object> sets) {
        return render(DIR, valuesFiles, sets);
    }

    static Rendered render(Path chartDir, List<Path> valuesFiles, Map<String, Object> sets) {
        String text = template(chartDir, valuesFiles, sets);
        List<HasMetadata> objects = SERIALIZATION.unmarshal(text);
        return new Rendered(text, objects);
    }

    /** Rendered with exactly these values over the chart's defaults (no trial payment values added). */
    static Rendered renderAsGiven(List<Path> valuesFiles, Map<String, Object> sets) {
        String text = templateAsGiven(DIR, valuesFiles, sets);
        return new Rendered(text, SERIALIZATION.unmarshal(text));
    }

    static Rendered render(Path... valuesFiles) {
        return render(List.of(valuesFiles), Map.of());
    }

    /**
     * {@code helm lint --strict} of the chart with these values over its defaults. helm-java's lint takes no values
     * files, so the chart is copied and its values.yaml replaced by the defaults merged with the overrides (maps
     * merged key by key, anything else replaced: helm's own rule).
     */
    static LintResult lint(Path... overrides) {
        try {
            Path copy = copy();
            Map<String, Object> values = readYaml(DIR.resolve("values.yaml"));
            for (Path override : withTrialPayments(List.of(overrides))) {
                values = merge(values, readYaml(override));
            }
            YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> withTrialPayments(List<Path> valuesFiles) {
        List<Path> all = new ArrayList<>();
        all.add(TRIAL_PAYMENTS);
        all.addAll(valuesFiles);
        return all;
    }

    /** A copy of the chart in a temporary directory, to change a file of it. */
    static Path copy() throws IOException {
        Path copy = Files.createTempDirectory("chart-copy").resolve(DIR.getFileName());
        copyTree(DIR, copy);
        return copy;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readYaml(Path file) {
        try {
            Map<String, Object> map = YAML.readValue(file.toFile(), Map.class);
            return map == null ? new LinkedHashMap<>() : map;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        override.forEach((k, v) -> {
            Object b = out.get(k);
            if (b instanceof Map && v instanceof Map) {
                out.put(k, merge((Map<String, Object>) b, (Map<String, Object>) v));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    static Path writeTemp(String name, String yaml) {
        try {
            Path file = Files.createTempFile(name, ".yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** One rendering: its text and its objects. */
    record Rendered(String text, List<HasMetadata> objects) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            List<T> out = new ArrayList<>();
            for (HasMetadata o : objects) {
                if (type.isInstance(o)) {
                    out.add(type.cast(o));
                }
            }
            return out;
        }

        <T extends HasMetadata> T get(Class<T> type, String name) {
            return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " rendered; have "
                            + all(type).stream().map(o -> o.getMetadata().getName()).toList()));
        }

        <T extends HasMetadata> boolean has(Class<T> type, String name) {
            return all(type).stream().anyMatch(o -> name.equals(o.getMetadata().getName()));
        }
    }
}
