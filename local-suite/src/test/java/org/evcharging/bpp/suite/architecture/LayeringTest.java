package org.evcharging.bpp.suite.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one layering of every service, checked over their compiled classes ({@code <module>/target/classes}, built by
 * the reactor before this module). Each service is the same five layers (docs/layout.md):
 * <pre>
 *   beckn/  api/            the doors: Beckn handlers and answer builders; REST resources
 *        ↓
 *   application/            the use cases; transactions begin here; events for what the BAP must be told
 *        ↓            ↘
 *   domain/  ←  infrastructure/   entities and values; peer services' clients, gateways, charger drivers
 * </pre>
 * Arrows point down or into {@code domain/}; a use case that must tell the BAP something raises a CDI event that
 * {@code beckn/} observes. No two packages depend on each other, at any depth.
 */
class LayeringTest {

    private static final Path REPO = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    static Stream<Arguments> services() {
        return Stream.of(
                Arguments.of("catalog-service", "org.evcharging.bpp.catalog"),
                Arguments.of("quote-service", "org.evcharging.bpp.quote"),
                Arguments.of("order-service", "org.evcharging.bpp.order"),
                Arguments.of("payment-service", "org.evcharging.bpp.payment"),
                Arguments.of("support-rating-service", "org.evcharging.bpp.support"),
                Arguments.of("charger-service", "org.evcharging.bpp.charger"));
    }

    private static JavaClasses imported(String module) {
        return IMPORTED.computeIfAbsent(module, m -> {
            Path dir = REPO.resolve(m).resolve("target/classes");
            assertTrue(Files.isDirectory(dir),
                    dir + " is missing: build the services first (mvn -B install -DskipTests)");
            return new ClassFileImporter().importPath(dir);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void every_class_sits_in_one_of_the_five_layers(String module, String root) {
        classes().should().resideInAnyPackage(root + ".beckn..", root + ".api..", root + ".application..",
                root + ".domain..", root + ".infrastructure..")
                .as(module + ": every class is in beckn/, api/, application/, domain/ or infrastructure/")
                .check(imported(module));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void the_domain_depends_on_no_other_layer(String module, String root) {
        noClasses().that().resideInAPackage(root + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".beckn..", root + ".api..",
                        root + ".application..", root + ".infrastructure..")
                .as(module + ": domain/ depends on no handler, REST resource, use case or peer")
                .check(imported(module));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void nothing_below_the_handlers_calls_up_into_them(String module, String root) {
        noClasses().that().resideOutsideOfPackage(root + ".beckn..")
                .should().dependOnClassesThat().resideInAPackage(root + ".beckn..")
                .as(module + ": only beckn/ uses beckn/ (a use case that must tell the BAP something raises an event)")
                .check(imported(module));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void nothing_below_the_rest_resources_calls_up_into_them(String module, String root) {
        noClasses().that().resideOutsideOfPackage(root + ".api..")
                .should().dependOnClassesThat().resideInAPackage(root + ".api..")
                .as(module + ": only api/ uses api/")
                .check(imported(module));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void the_infrastructure_serves_and_does_not_drive(String module, String root) {
        noClasses().that().resideInAPackage(root + ".infrastructure..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".beckn..", root + ".api..",
                        root + ".application..")
                .as(module + ": infrastructure/ depends on domain/ only (a driver that must report raises an event)")
                .check(imported(module));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void no_two_packages_depend_on_each_other(String module, String root) {
        slices().matching(root + ".(**)").should().beFreeOfCycles()
                .as(module + ": no package cycles")
                .check(imported(module));
    }
}
