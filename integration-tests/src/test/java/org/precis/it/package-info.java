/**
 * End-to-end tests that run the Precis modules together on the selected ND4J backend (Failsafe {@code *IT}).
 */
package org.precis.it;
