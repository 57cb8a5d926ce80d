/**
 * User data from numeric CSV files, read with DataVec, for the same experiments as Fashion-MNIST.
 */
package org.precis.data.csv;
