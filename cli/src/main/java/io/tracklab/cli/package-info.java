/**
 * {@code tracklab}, the command line (picocli): {@link io.tracklab.cli.TracklabCommand} and its
 * commands run experiments, matrices, soaks and comparisons, and a distributed run's controller
 * ({@link io.tracklab.cli.DistributedRunner}) and injectors ({@link io.tracklab.cli.InjectorCommand}).
 * Experiment files are read by {@code .experiment}; the engines that place injectors (local
 * processes, Docker Swarm, Kubernetes) are {@code .distributed}. Runs go through the simulations
 * module's Gatling machinery; what they leave is written by the reports module.
 */
package io.tracklab.cli;
