package org.evcharging.bpp.suite.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The services' layering, checked over their compiled classes ({@code <module>/target/classes}, built by the reactor
 * before this module): the handlers ({@code beckn/}) and REST applications ({@code api/}) are the top; nothing below
 * calls up into them, {@code domain/} least of all, and no two packages of a service depend on each other.
 *
 * <p>The rules are frozen (ArchUnit's {@code FreezingArchRule}): the violations the code had when they were written are
 * listed in {@code src/test/resources/archunit-frozen/}, and only a new one fails the build. Fixing one shrinks the list
 * by itself; the list is the work left to do (issue 18).
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
                Arguments.of("support-rating-service", "org.evcharging.bpp.support"));
    }

    private static JavaClasses classes(String module) {
        return IMPORTED.computeIfAbsent(module, m -> {
            Path dir = REPO.resolve(m).resolve("target/classes");
            assertTrue(Files.isDirectory(dir), dir + " is missing: build the services first (mvn -B install -DskipTests)");
            return new ClassFileImporter().importPath(dir);
        });
    }

    private static void check(String module, ArchRule rule) {
        FreezingArchRule.freeze(rule).check(classes(module));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void the_domain_depends_on_no_handler_and_no_rest_api(String module, String root) {
        check(module, noClasses().that().resideInAPackage(root + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".beckn..", root + ".api..")
                .as(module + ": domain/ depends on no handler (beckn/) and no REST application (api/)")
                // a service whose entities still sit with their use cases has few or no classes in domain/ yet
                .allowEmptyShould(true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void nothing_below_the_handlers_calls_up_into_them(String module, String root) {
        check(module, noClasses().that().resideOutsideOfPackage(root + ".beckn..")
                .should().dependOnClassesThat().resideInAPackage(root + ".beckn..")
                .as(module + ": only beckn/ uses beckn/ (a component that must tell the BAP something raises an event)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void no_two_packages_depend_on_each_other(String module, String root) {
        check(module, slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .as(module + ": no package cycles"));
    }
}
