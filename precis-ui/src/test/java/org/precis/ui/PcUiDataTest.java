package org.precis.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How the PC page's data are thinned for long runs. */
class PcUiDataTest {

    @Test
    void aShortRunIsSentWhole() {
        List<Integer> records = IntStream.range(0, PcUiData.MAX_POINTS).boxed().toList();

        assertThat(PcUiData.thin(records)).isEqualTo(records);
    }

    @Test
    void aLongRunIsThinnedEvenlyToTheLimitKeepingTheFirstAndTheLatestRecord() {
        List<Integer> records = IntStream.range(0, 2_500).boxed().toList();

        List<Integer> thinned = PcUiData.thin(records);

        assertThat(thinned).hasSize(PcUiData.MAX_POINTS).startsWith(0).endsWith(2_499).isSorted();
        // Evenly spaced: every gap is 2 or 3 records (2,499 / 999 = 2.5).
        for (int i = 1; i < thinned.size(); i++) {
            assertThat(thinned.get(i) - thinned.get(i - 1)).isBetween(2, 3);
        }
    }
}
