package org.pixelscope.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The UI's feature packages (one per view) do not use each other: what two views share lives in
 * the ui package (session, services) or in {@code ui.field} (the receptive-field widgets). The
 * guided tour ({@code ui.tour}) reaches the views only through {@code ui.DemoControls}.
 */
class UiPackagesTest {

    private static final List<String> FEATURES = List.of("sample", "masks", "train", "summary", "likelihood", "tour");

    @Test
    void featurePackagesDoNotImportEachOther() {
        Location main = Location.of(
                PixelScopeApp.class.getProtectionDomain().getCodeSource().getLocation());
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importLocations(List.of(main));
        noClasses()
                .that()
                .resideInAPackage("org.pixelscope.ui.field..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FEATURES.stream()
                        .map(f -> "org.pixelscope.ui." + f + "..")
                        .toArray(String[]::new))
                .check(classes);
        for (String feature : FEATURES) {
            String[] others = FEATURES.stream()
                    .filter(f -> !f.equals(feature))
                    .map(f -> "org.pixelscope.ui." + f + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage("org.pixelscope.ui." + feature + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .check(classes);
        }
    }
}
