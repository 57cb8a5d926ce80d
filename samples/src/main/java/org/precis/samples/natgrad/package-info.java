/**
 * Natural-gradient experiments beyond {@code compare}: the deep auto-encoder benchmark of Martens and Grosse
 * (2015), training reconstruction error against iterations and seconds for K-FAC, SGD with momentum and Adam.
 */
package org.precis.samples.natgrad;
