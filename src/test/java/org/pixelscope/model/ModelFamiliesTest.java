package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The family registry: every registered spec has its family, and a spec type nobody registered is refused by name. */
class ModelFamiliesTest {

    @Test
    void everyNamedSpecBelongsToTheFamilyThatOffersIt() {
        for (ModelFamily<?> family : ModelFamilies.all()) {
            assertThat(family.namedSpecs()).as(family.kind()).isNotEmpty();
            for (ModelSpec spec : family.namedSpecs()) {
                assertThat(ModelFamilies.of(spec)).as(spec.name()).isSameAs(family);
            }
        }
        assertThat(ModelFamilies.all()).extracting(ModelFamily::specType).doesNotHaveDuplicates();
    }

    @Test
    void anUnregisteredSpecTypeIsNamedInTheError() {
        ModelSpec stray = new ModelSpec() {
            @Override
            public String name() {
                return "stray";
            }

            @Override
            public int height() {
                return 4;
            }

            @Override
            public int width() {
                return 4;
            }

            @Override
            public ModelSpec withSize(int height, int width) {
                return this;
            }

            @Override
            public int contextRows() {
                return 4;
            }

            @Override
            public String description() {
                return "not registered";
            }
        };
        assertThatThrownBy(() -> NetworkBuilder.build(stray, 1, 1e-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no model family is registered");
    }

    @Test
    void familiesExplainThemselves() {
        assertThat(ModelFamilies.of(GatedPixelCnnSpec.standard()).withoutRasterMasks())
                .hasValueSatisfying(t -> assertThat(t).contains("no blind spot"));
        assertThat(ModelFamilies.of(PixelCnnSpec.chapter()).withoutRasterMasks())
                .isEmpty();
        assertThat(ModelFamilies.unseenPixels(PixelCnnSpec.chapter())).contains("blind spot to the upper right");
        assertThat(ModelFamilies.unseenPixels(RowLstmSpec.standard())).contains("1 more pixel to each side");
    }
}
