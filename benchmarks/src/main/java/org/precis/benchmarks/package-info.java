/**
 * JMH benchmarks of the hot paths: the K-FAC curvature block's factor update, inverse and preconditioning per layer
 * size ({@link org.precis.benchmarks.KFacBlockBenchmark}), one training step of each {@code compare} arm
 * ({@link org.precis.benchmarks.TrainingStepBenchmark}), and one predictive-coding relaxation step per level size
 * ({@link org.precis.benchmarks.RelaxationStepBenchmark}) with its GEMM bound
 * ({@link org.precis.benchmarks.RelaxationGemmBenchmark}), and what the experiment harness and DL4J's own settings
 * do to a backprop step ({@link org.precis.benchmarks.HarnessBenchmark},
 * {@link org.precis.benchmarks.BackpropConfigurationBenchmark}); test accuracy against the relaxation steps an
 * early-stop tolerance leaves ({@link org.precis.benchmarks.RelaxationToleranceSweep}, a program). Every benchmark
 * uses the public API only, so it measures what a user's program runs. How to run them and read the results:
 * {@code benchmarks/README.md}.
 */
package org.precis.benchmarks;
