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
        assertThat(json).contains("\"kind\" : \"" + kind(spec) + "\"").contains(spec.name());
        assertThat(ModelSpecs.fromJson(json)).isEqualTo(spec);
        ModelSpec resized = spec.withSize(12, 9);
        assertThat(ModelSpecs.fromJson(ModelSpecs.toJson(resized)))
                .isEqualTo(resized)
                .isNotEqualTo(spec);
    }

    private static String kind(ModelSpec spec) {
        if (spec instanceof GatedPixelCnnSpec) {
            return GatedPixelCnnSpec.KIND;
        } else if (spec instanceof RasterLstmSpec) {
            return RasterLstmSpec.KIND;
        } else if (spec instanceof RowLstmSpec) {
            return RowLstmSpec.KIND;
        } else if (spec instanceof DiagonalBiLstmSpec) {
            return DiagonalBiLstmSpec.KIND;
        }
        return PixelCnnSpec.KIND;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registered")
    void everyRegisteredModelIsAutoregressiveAt10x10(ModelSpec spec) {
        Causality.assertAutoregressive(NetworkBuilder.build(spec.withSize(10, 10), 7, 1e-3), 17);
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
