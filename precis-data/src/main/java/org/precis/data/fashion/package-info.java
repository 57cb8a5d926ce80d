/**
 * Fashion-MNIST from local IDX files (Debian's {@code dataset-fashion-mnist}), plus a small shipped fixture.
 * Nothing is ever downloaded.
 */
package org.precis.data.fashion;
