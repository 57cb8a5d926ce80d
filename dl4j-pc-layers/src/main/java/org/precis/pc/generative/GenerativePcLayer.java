package org.precis.pc.generative;

/**
 * The name {@link org.precis.pc.conf.GenerativePcLayer} had in release 0.1.0, kept only so that configurations and
 * models saved by that release (whose JSON names this class) keep loading. Build new layers with
 * {@link org.precis.pc.conf.GenerativePcLayer.Builder}; a loaded instance of this class behaves exactly like one.
 *
 * @deprecated use {@link org.precis.pc.conf.GenerativePcLayer}
 */
@Deprecated
public class GenerativePcLayer extends org.precis.pc.conf.GenerativePcLayer {

    private static final long serialVersionUID = 1L;

    /** For JSON/YAML deserialisation of saved configurations only. */
    public GenerativePcLayer() {
    }
}
