package org.pixelscope;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pixelscope.model.MaskedLayer;
import org.pixelscope.model.ModelSpec;

/**
 * The layer rules: the compute core (data, model, train, sample, inspect, bench, backend) knows nothing
 * of JavaFX or of its two faces (cli, ui); model knows nothing of what uses it; data stands alone.
 * And a family's knowledge stays with the family: no {@code instanceof} ladders over specs or
 * masked layers.
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

    /**
     * A model family lives in one place: code that needs to know a family asks its
     * {@code ModelFamily} or its layers' {@link MaskedLayer}, never tests a spec or a layer
     * against one type after another. A class serving one family (a sampler) may check its own.
     */
    @Test
    void noInstanceofLaddersOverFamiliesOrMaskedLayers() {
        classes()
                .should(testAtMostOneImplementationOf(ModelSpec.class))
                .andShould(testAtMostOneImplementationOf(MaskedLayer.class))
                .check(classes);
    }

    /** Outside the model and the samplers nothing tests for a concrete spec or masked layer at all. */
    @Test
    void readOutsAndFacesNeverTestForAFamily() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.pixelscope.model..", "org.pixelscope.sample..")
                .should(testAnImplementationOf(ModelSpec.class).or(testAnImplementationOf(MaskedLayer.class)))
                .check(classes);
    }

    private static ArchCondition<JavaClass> testAtMostOneImplementationOf(Class<?> type) {
        return new ArchCondition<>("test values against at most one implementation of " + type.getSimpleName()) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                Set<String> tested = testedImplementations(c, type);
                events.add(new SimpleConditionEvent(
                        c, tested.size() <= 1, c.getName() + " tests for " + String.join(", ", tested)));
            }
        };
    }

    private static ArchCondition<JavaClass> testAnImplementationOf(Class<?> type) {
        return new ArchCondition<>("test values against an implementation of " + type.getSimpleName()) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                Set<String> tested = testedImplementations(c, type);
                events.add(new SimpleConditionEvent(
                        c, !tested.isEmpty(), c.getName() + " tests for " + String.join(", ", tested)));
            }
        };
    }

    /** The implementations of {@code type} (not the type itself) that {@code instanceof} checks in {@code c} name. */
    private static Set<String> testedImplementations(JavaClass c, Class<?> type) {
        Set<String> tested = new TreeSet<>();
        for (JavaCodeUnit unit : c.getCodeUnits()) {
            for (InstanceofCheck check : unit.getInstanceofChecks()) {
                JavaClass t = check.getRawType();
                if (!t.isEquivalentTo(type) && t.isAssignableTo(type)) {
                    tested.add(t.getSimpleName());
                }
            }
        }
        return tested;
    }
}
