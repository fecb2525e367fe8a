package org.pixelscope.model;

import org.junit.jupiter.api.Test;

class RasterLstmTest {

    private static final RasterLstmSpec SMALL = new RasterLstmSpec("raster-small", "test", 6, 7, 8, 2);

    @Test
    void isAutoregressive() {
        Causality.assertAutoregressive(NetworkBuilder.build(SMALL, 5, 1e-3), 21);
    }
}
