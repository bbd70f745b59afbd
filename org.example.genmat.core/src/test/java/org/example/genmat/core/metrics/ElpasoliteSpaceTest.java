package org.example.genmat.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ElpasoliteSpaceTest {

    @Test
    void spaceKeysMatchCompositionKeys() {
        int[] all = ElpasoliteSpace.enumerate();
        assertThat(all.length / 4).isEqualTo(987_012);
        for (int i = 0; i < all.length; i += 4 * 9973) {
            long k = ElpasoliteSpace.key(all[i], all[i + 1], all[i + 2], all[i + 3]);
            assertThat(k).isEqualTo(CompositionKey.pack(ElpasoliteSpace.composition(all[i], all[i + 1], all[i + 2], all[i + 3])));
            assertThat(ElpasoliteSpace.key(all[i + 1], all[i], all[i + 2], all[i + 3])).isEqualTo(k); // A<->B
        }
        assertThat(ElpasoliteSpace.Z).hasSize(39);
    }
}
