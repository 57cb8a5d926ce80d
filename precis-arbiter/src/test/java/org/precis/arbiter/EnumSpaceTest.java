package org.precis.arbiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.serde.jackson.JsonMapper;
import org.junit.jupiter.api.Test;
import org.precis.pc.conf.PrecisionForm;

class EnumSpaceTest {

    @Test
    void readsBackFromJsonAsTheSameEnumConstants() throws Exception {
        // why: a plain DiscreteParameterSpace of enum constants reads back as strings.
        EnumSpace<PrecisionForm> space = new EnumSpace<>(PrecisionForm.class, PrecisionForm.SCALAR,
                PrecisionForm.DIAGONAL);
        String json = JsonMapper.getMapper().writeValueAsString(space);
        ParameterSpace<?> back = JsonMapper.getMapper().readValue(json, ParameterSpace.class);
        assertThat(back).isEqualTo(space);
        back.setIndices(0);
        assertThat(back.getValue(new double[] {0.9})).isEqualTo(PrecisionForm.DIAGONAL);
    }

    @Test
    void picksEveryConstantWithEqualShareOfTheUnitInterval() {
        // why: random search draws uniformly in [0, 1); three constants split it in thirds.
        EnumSpace<PrecisionForm> space = new EnumSpace<>(PrecisionForm.class, PrecisionForm.NONE,
                PrecisionForm.SCALAR, PrecisionForm.DIAGONAL);
        space.setIndices(0);
        assertThat(List.of(0.1, 0.4, 0.9).stream().map(v -> space.getValue(new double[] {v})).toList())
                .containsExactly(PrecisionForm.NONE, PrecisionForm.SCALAR, PrecisionForm.DIAGONAL);
    }

    @Test
    void refusesAnEmptyChoice() {
        assertThatThrownBy(() -> new EnumSpace<>(PrecisionForm.class, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one value");
    }
}
