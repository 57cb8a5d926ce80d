/**
 * The training schemes an experiment compares ("arms"). Each arm builds a network for a given shape and seed;
 * {@link org.precis.samples.arms.Arms} is the registry of names. Adding an arm is one class (or one instance of an
 * existing class) and one line in the registry.
 */
package org.precis.samples.arms;
