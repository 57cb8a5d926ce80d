/**
 * Scale-out for Precis networks (predictive-coding layers and K-FAC) on DL4J's own distributed engines:
 * Spark parameter averaging ({@code SparkDl4jMultiLayer} / {@code SparkComputationGraph} with
 * {@link org.precis.spark.kfac.KFacTrainingMaster}, a {@code ParameterAveragingTrainingMaster} that carries K-FAC's
 * curvature across averaging rounds) and {@code ParallelWrapper} in averaging mode on one machine
 * ({@link org.precis.spark.parallel.KFacTrainerContext}).
 *
 * <p>PC networks need nothing of this package: their layers are ordinary DL4J layers whose every parameter, learned
 * precisions and running estimates included, lives in the network's parameter view and is averaged like a weight.
 * K-FAC needs it because its curvature lives in a listener and layer wrappers that DL4J's workers never see.
 *
 * <p>This module is optional and the only one that depends on Spark (which it declares {@code provided}).
 */
package org.precis.spark;
