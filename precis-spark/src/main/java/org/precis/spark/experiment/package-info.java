/**
 * The {@code spark-compare} experiment: the arms of {@code compare} trained under Spark parameter averaging with
 * several worker counts (and on one machine for reference), with accuracy per epoch, throughput and where the time
 * goes.
 */
package org.precis.spark.experiment;
