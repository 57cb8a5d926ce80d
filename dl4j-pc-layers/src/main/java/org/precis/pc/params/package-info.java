/**
 * Parameter initialisers of the predictive-coding layers: the parameter keys and the layout of each layer's
 * parameters inside DL4J's flattened parameter and gradient views.
 */
package org.precis.pc.params;
