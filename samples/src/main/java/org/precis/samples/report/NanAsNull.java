package org.precis.samples.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/** Writes a number that is NaN (unknown, such as a spread over one seed) as JSON {@code null}. */
public final class NanAsNull extends StdSerializer<Double> {

    private static final long serialVersionUID = 1L;

    /** Used by Jackson through {@code @JsonSerialize(using = NanAsNull.class)}. */
    public NanAsNull() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
        if (value == null || value.isNaN()) {
            out.writeNull();
        } else {
            out.writeNumber(value);
        }
    }
}
