/**
 * Natural-gradient experiments beyond {@code compare}: the deep auto-encoder benchmark of Martens and Grosse
 * (2015), training reconstruction error against iterations and seconds for K-FAC (fixed and adaptive), SGD with
 * momentum and Adam, trained interleaved, and the adaptive K-FAC's damping, learning rate, momentum and reduction
 * ratio per iteration.
 */
package org.precis.samples.natgrad;
