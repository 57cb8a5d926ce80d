/**
 * Off-heap memory discipline of the K-FAC path: temporaries live in reusable ND4J workspaces, state that outlives a
 * training step in arrays allocated once and overwritten in place. Without it a K-FAC step leaves tens of megabytes
 * of off-heap garbage that only the Java garbage collector reclaims, and a wide network's resident memory grows by
 * gigabytes per hundred steps.
 */
package org.precis.natgrad.memory;
