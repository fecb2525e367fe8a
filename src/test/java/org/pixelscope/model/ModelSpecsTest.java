package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The spec registry and the JSON form of specs. */
class ModelSpecsTest {

    static Stream<ModelSpec> registered() {
        return ModelSpecs.all().stream();
    }

    @Test
    void registryHoldsTheShippedModels() {
        assertThat(ModelSpecs.all())
                .extracting(ModelSpec::name)
                .startsWith("pixelcnn-chapter")
                .contains("pixelcnn-residual")
                .doesNotHaveDuplicates();
        assertThat(ModelSpecs.require("pixelcnn-chapter")).isEqualTo(PixelCnnSpec.chapter());
        assertThat(ModelSpecs.find("nope")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registered")
    void jsonRoundTripGivesAnEqualSpec(ModelSpec spec) {
        String json = ModelSpecs.toJson(spec);
        assertThat(json)
                .contains("\"kind\" : \"" + ModelFamilies.of(spec).kind() + "\"")
                .contains(spec.name());
        assertThat(ModelSpecs.fromJson(json)).isEqualTo(spec);
        ModelSpec resized = spec.withSize(12, 9);
        assertThat(ModelSpecs.fromJson(ModelSpecs.toJson(resized)))
                .isEqualTo(resized)
                .isNotEqualTo(spec);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registered")
    void everyRegisteredModelIsAutoregressiveAt10x10(ModelSpec spec) {
        Causality.assertAutoregressive(NetworkBuilder.build(spec.withSize(10, 10), 7, 1e-3), 17);
    }

    /** The kinds and field names are in every saved spec.json: the registry must write exactly what older builds wrote. */
    @Test
    void persistedNamesAreThoseOfEarlierReleases() {
        assertThat(ModelSpecs.kinds())
                .containsExactly("pixelcnn", "gated-pixelcnn", "raster-lstm", "row-lstm", "diagonal-bilstm");
        assertThat(ModelSpecs.toJson(PixelCnnSpec.chapter())).isEqualToIgnoringNewLines("""
                        {
                          "kind" : "pixelcnn",
                          "name" : "pixelcnn-chapter",
                          "description" : "The chapter's PixelCNN: 7x7 mask-A conv, five 3x3 mask-B convs, 64 filters, 1x1 sigmoid",
                          "height" : 28,
                          "width" : 28,
                          "filters" : 64,
                          "firstKernel" : 7,
                          "hiddenLayers" : 5,
                          "hiddenKernel" : 3,
                          "residual" : false
                        }""");
        assertThat(fields(GatedPixelCnnSpec.standard()))
                .isEqualTo("kind name description height width filters firstKernel layers kernel classes");
        assertThat(fields(RasterLstmSpec.standard())).isEqualTo("kind name description height width hidden layers");
        assertThat(fields(RowLstmSpec.standard()))
                .isEqualTo("kind name description height width hidden firstKernel layers rowKernel");
        assertThat(fields(DiagonalBiLstmSpec.standard()))
                .isEqualTo("kind name description height width hidden firstKernel layers");
    }

    /** Gated specs written before the conditional form existed have no "classes": they read as unconditional. */
    @Test
    void aGatedSpecWithoutClassesIsUnconditional() {
        String old = ModelSpecs.toJson(GatedPixelCnnSpec.standard()).replaceAll(",\\s*\"classes\" : 0", "");
        assertThat(old).doesNotContain("classes");
        assertThat(ModelSpecs.fromJson(old)).isEqualTo(GatedPixelCnnSpec.standard());
        assertThat(ModelSpecs.fromJson(ModelSpecs.toJson(GatedPixelCnnSpec.conditional()))
                        .classes())
                .isEqualTo(10);
        assertThatThrownBy(() -> ModelSpecs.fromJson(ModelSpecs.toJson(GatedPixelCnnSpec.conditional())
                        .replace("\"classes\" : 10", "\"classes\" : 100000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2..256 classes");
    }

    private static String fields(ModelSpec spec) {
        return String.join(
                " ",
                ModelSpecs.toJson(spec)
                        .lines()
                        .map(String::strip)
                        .filter(l -> l.startsWith("\""))
                        .map(l -> l.substring(1, l.indexOf('"', 1)))
                        .toList());
    }

    @Test
    void unknownKindIsReportedByName() {
        assertThatThrownBy(() -> ModelSpecs.fromJson("{\"kind\": \"wavenet\", \"name\": \"w\", \"height\": 28}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown model kind 'wavenet'")
                .hasMessageContaining(PixelCnnSpec.KIND);
    }

    @Test
    void aSpecWithoutAKindSaysSo() {
        assertThatThrownBy(() -> ModelSpecs.fromJson("{\"name\": \"w\", \"height\": 28}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no \"kind\"")
                .hasMessageContaining(PixelCnnSpec.KIND)
                .hasMessageNotContaining("null");
    }

    @Test
    void malformedJsonIsReportedAsMalformed() {
        assertThatThrownBy(() -> ModelSpecs.fromJson("{\"kind\": \"pixelcnn\", \"name\": "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void invalidValuesAreReportedWithTheirReason() {
        String json = ModelSpecs.toJson(PixelCnnSpec.chapter()).replace("\"firstKernel\" : 7", "\"firstKernel\" : 4");
        assertThat(json).contains("\"firstKernel\" : 4");
        assertThatThrownBy(() -> ModelSpecs.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed")
                .hasMessageContaining("must be odd");
    }

    @Test
    void requireListsTheKnownNames() {
        assertThatThrownBy(() -> ModelSpecs.require("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown model 'nope'")
                .hasMessageContaining("pixelcnn-chapter")
                .hasMessageContaining("pixelcnn-residual");
    }
}
