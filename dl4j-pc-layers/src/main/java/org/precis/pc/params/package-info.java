/**
 * The parameter initialiser of both predictive-coding layers ({@link org.precis.pc.params.PcParamInitializer}):
 * the parameter keys, their kinds, and one ordered layout per layer that gives the count, the views inside DL4J's
 * flattened parameter and gradient vectors, and the initialisation.
 */
package org.precis.pc.params;
