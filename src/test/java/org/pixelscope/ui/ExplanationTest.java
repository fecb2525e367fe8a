package org.pixelscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every view has an explanation with a title, text and at least one formula. */
class ExplanationTest {

    @Test
    void everyViewHasAnExplanationWithAFormula() {
        for (String view : List.of("train", "sample", "masks", "summary", "likelihood")) {
            Explanation t = Explanation.of(view);
            assertThat(t.title()).as(view).isNotBlank();
            assertThat(t.blocks()).as(view).anyMatch(Explanation.Block::formula);
            assertThat(t.blocks().stream().filter(b -> !b.formula()).count())
                    .as(view)
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void theSampleViewStatesTheChainRuleAndMasksStatesBothMasks() {
        assertThat(Explanation.of("sample").blocks())
                .anyMatch(b -> b.formula() && b.text().contains("∏ᵢ p(xᵢ | x₁ … xᵢ₋₁)"));
        List<Explanation.Block> masks = Explanation.of("masks").blocks();
        assertThat(masks).anyMatch(b -> b.formula() && b.text().startsWith("mask A"));
        assertThat(masks).anyMatch(b -> b.formula() && b.text().startsWith("mask B"));
        assertThat(masks).anyMatch(b -> b.text().contains("blind spot"));
    }

    @Test
    void parsingSeparatesTitleParagraphsAndFormulas() {
        Explanation t = Explanation.parse("Title\n\nA paragraph.\n= a = b\nAnother.\n");
        assertThat(t.title()).isEqualTo("Title");
        assertThat(t.blocks())
                .containsExactly(
                        new Explanation.Block(false, "A paragraph."),
                        new Explanation.Block(true, "a = b"),
                        new Explanation.Block(false, "Another."));
        assertThatThrownBy(() -> Explanation.of("no-such-view")).hasMessageContaining("no-such-view");
    }
}
