package org.pixelscope;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layer rules: the compute core (data, model, train, sample, inspect, bench, backend) knows nothing
 * of JavaFX or of its two faces (cli, ui); model knows nothing of what uses it; data stands alone.
 */
class ArchitectureTest {

    private static final String[] CORE = {
        "org.pixelscope.data..",
        "org.pixelscope.model..",
        "org.pixelscope.train..",
        "org.pixelscope.sample..",
        "org.pixelscope.inspect..",
        "org.pixelscope.bench..",
        "org.pixelscope.backend.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // the main classes' own folder or jar: scanning the whole class path (DL4J's native jars) is slow
        Location main =
                Location.of(Main.class.getProtectionDomain().getCodeSource().getLocation());
        classes = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importLocations(List.of(main));
        assertThat(classes.containPackage("org.pixelscope.model")).isTrue();
        assertThat(classes.containPackage("org.pixelscope.cli")).isTrue();
    }

    @Test
    void coreDoesNotUseJavaFx() {
        noClasses()
                .that()
                .resideInAnyPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void coreDoesNotUseTheCliOrTheUi() {
        noClasses()
                .that()
                .resideInAnyPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.pixelscope.cli..", "org.pixelscope.ui..")
                .check(classes);
    }

    @Test
    void modelDoesNotUseWhatUsesIt() {
        noClasses()
                .that()
                .resideInAPackage("org.pixelscope.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.pixelscope.train..",
                        "org.pixelscope.sample..",
                        "org.pixelscope.inspect..",
                        "org.pixelscope.bench..",
                        "org.pixelscope.cli..",
                        "org.pixelscope.ui..")
                .check(classes);
    }

    @Test
    void theRasterLoopKnowsOnlyTheSamplerInterface() {
        noClasses()
                .that()
                .haveSimpleName("RasterSampler")
                .should()
                .dependOnClassesThat()
                .implement(org.pixelscope.sample.Conditionals.class)
                .check(classes);
    }

    @Test
    void dataDependsOnNoOtherPixelScopePackage() {
        noClasses()
                .that()
                .resideInAPackage("org.pixelscope.data..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("org.pixelscope..").and(resideOutsideOfPackage("org.pixelscope.data..")))
                .check(classes);
    }

    @Test
    void theCommandLineAndTheAppNeverUseEachOther() {
        noClasses()
                .that()
                .resideInAPackage("org.pixelscope.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.pixelscope.ui..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("org.pixelscope.ui..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.pixelscope.cli..")
                .check(classes);
    }

    /**
     * Between the top-level packages. Inside {@code ui} the shell (main window, menus) builds the
     * feature views and the views use the shell's services, by design; that the features never use
     * each other is checked in {@code ui.UiPackagesTest}.
     */
    @Test
    void noCyclesBetweenTopLevelPackages() {
        slices().matching("org.pixelscope.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void benchmarksAreJobsNotReadOuts() {
        noClasses()
                .that()
                .resideInAPackage("org.pixelscope.inspect..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.pixelscope.bench..")
                .check(classes);
        classes()
                .that()
                .haveSimpleName("Benchmark")
                .should()
                .resideInAPackage("org.pixelscope.bench")
                .check(classes);
    }
}
