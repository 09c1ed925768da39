package io.tracklab.cli.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The arrows between modules and between packages point one way, checked on the compiled classes
 * of every module (this module's test class path holds them all): cli → reports, simulations →
 * harness → topologies; reports reads results and knows nothing of how a run is started; and no
 * two packages of a module depend on each other, directly or round a circle.
 */
class ArchitectureTest {
  private static final JavaClasses TRACKLAB = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.tracklab");
  /** Every module, lowest first. */
  private static final List<String> MODULES = List.of("topologies", "harness", "simulations", "reports", "cli");

  /** One module's classes, taken from the one import (an import reads the class path: seconds). */
  private static JavaClasses module(String name) {
    return TRACKLAB.that(JavaClass.Predicates.resideInAPackage("io.tracklab." + name + ".."));
  }

  @Test
  void modules_dependOnlyOnTheOnesBelow() {
    for (String module : MODULES) {
      assertThat(TRACKLAB.containPackage("io.tracklab." + module)).as("classes of " + module + " imported").isTrue();
    }
    noClasses().that().resideInAPackage("io.tracklab.topologies..")
        .should().dependOnClassesThat().resideInAnyPackage("io.tracklab.harness..", "io.tracklab.simulations..",
            "io.tracklab.reports..", "io.tracklab.cli..")
        .check(TRACKLAB);
    noClasses().that().resideInAPackage("io.tracklab.harness..")
        .should().dependOnClassesThat().resideInAnyPackage("io.tracklab.simulations..", "io.tracklab.reports..",
            "io.tracklab.cli..")
        .check(TRACKLAB);
    noClasses().that().resideInAPackage("io.tracklab.simulations..")
        .should().dependOnClassesThat().resideInAnyPackage("io.tracklab.reports..", "io.tracklab.cli..")
        .check(TRACKLAB);
    noClasses().that().resideInAPackage("io.tracklab.reports..")
        .should().dependOnClassesThat().resideInAnyPackage("io.tracklab.cli..", "io.tracklab.simulations..",
            "io.tracklab.topologies..")
        .check(TRACKLAB);
  }

  static List<String> modules() {
    return MODULES;
  }

  @ParameterizedTest
  @MethodSource("modules")
  void packages_haveNoCycles(String module) {
    slices().matching("io.tracklab.(**)").should().beFreeOfCycles().check(module(module));
  }
}
