/**
 * Distributed runs (docs/distributed.md): one controller, N injectors placed and supervised by an
 * existing engine ({@link InjectorEngine}: child JVMs here, Docker Swarm or Kubernetes elsewhere),
 * coordinated by the protocol of {@code io.tracklab.harness.coordination}, their results merged
 * into one and judged by the gates once.
 */
package io.tracklab.cli.distributed;
