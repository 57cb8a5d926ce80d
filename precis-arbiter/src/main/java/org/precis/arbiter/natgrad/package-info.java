/**
 * Arbiter search over the K-FAC updater of {@code dl4j-natgrad}: the updater space
 * {@link org.precis.arbiter.natgrad.KFacSpace}, and {@link org.precis.arbiter.natgrad.KFacTaskListener}, which
 * attaches K-FAC to each candidate network Arbiter builds.
 */
package org.precis.arbiter.natgrad;
