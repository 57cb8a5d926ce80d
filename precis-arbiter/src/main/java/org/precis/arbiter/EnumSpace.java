package org.precis.arbiter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A choice among constants of one enum, as an Arbiter {@link DiscreteParameterSpace}: random search picks each
 * with equal probability and grid search tries each exactly once.
 *
 * <p>Why not a plain {@code DiscreteParameterSpace<E>}: its JSON holds the bare constant names without their type,
 * so it reads back a list of strings that neither equals the original nor converts to the enum. This space
 * records the enum class beside the names.
 *
 * @param <E> the enum type
 */
public class EnumSpace<E extends Enum<E>> extends DiscreteParameterSpace<E> {

    private final Class<E> enumClass;

    /**
     * @param enumClass the enum type
     * @param values    the constants to choose from, at least one
     */
    @SafeVarargs
    public EnumSpace(Class<E> enumClass, E... values) {
        this(enumClass, Arrays.asList(values));
    }

    /**
     * @param enumClass the enum type
     * @param values    the constants to choose from, at least one
     */
    public EnumSpace(Class<E> enumClass, List<E> values) {
        super(checked(values));
        this.enumClass = Objects.requireNonNull(enumClass, "enumClass");
    }

    @JsonCreator
    private static <E extends Enum<E>> EnumSpace<E> fromJson(@JsonProperty("enumClass") Class<E> enumClass,
            @JsonProperty("values") List<String> names) {
        List<E> values = new ArrayList<>();
        for (String name : names) {
            values.add(Enum.valueOf(enumClass, name));
        }
        return new EnumSpace<>(enumClass, values);
    }

    private static <E> List<E> checked(List<E> values) {
        if (values == null || values.isEmpty() || values.contains(null)) {
            throw new IllegalArgumentException("EnumSpace needs at least one value and no null, got " + values);
        }
        return values;
    }

    /** @return the enum type */
    public Class<E> getEnumClass() {
        return enumClass;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnumSpace<?> other && enumClass.equals(other.enumClass) && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + enumClass.hashCode();
    }
}
