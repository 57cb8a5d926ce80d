/**
 * Data for Arbiter searches: a seeded training/validation split of a data set held in memory
 * ({@link org.precis.arbiter.data.ValidationSplit}) and the Arbiter {@code DataSource} that hands every candidate
 * the same batches in the same order ({@link org.precis.arbiter.data.SplitDataSource}).
 */
package org.precis.arbiter.data;
