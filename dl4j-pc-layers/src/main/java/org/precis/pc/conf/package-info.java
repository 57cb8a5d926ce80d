/**
 * Configurations of the predictive-coding layers: the DL4J-facing config classes with their builders and the
 * enumerations that name their options. Configurations serialise to JSON and YAML with the rest of a DL4J
 * network configuration.
 */
package org.precis.pc.conf;
