package org.pixelscope.model;

import org.junit.jupiter.api.Test;

class RowLstmTest {

    static final RowLstmSpec SMALL = new RowLstmSpec("row-small", "test", 8, 8, 4, 7, 2, 3);

    @Test
    void isAutoregressive() {
        Causality.assertAutoregressive(NetworkBuilder.build(SMALL, 7, 1e-3), 31);
    }
}
