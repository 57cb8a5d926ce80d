/**
 * Former home of the generative predictive-coding layer, kept for configurations saved by release 0.1.0: the
 * configuration is now {@link org.precis.pc.conf.GenerativePcLayer}, its implementation
 * {@link org.precis.pc.layers.GenerativePcLayerImpl}.
 */
package org.precis.pc.generative;
