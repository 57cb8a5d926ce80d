/**
 * The program of {@code precis-spark.jar}: the experiment program of {@code samples} (every subcommand, same options
 * and exit codes) plus {@code spark-compare}, which needs Spark on the class path and therefore lives here.
 */
package org.precis.spark.cli;
