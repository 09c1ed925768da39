/**
 * Gatling simulations: the near-cache protocol and actions, workloads, chaos simulations and the
 * assertions CI gates on (see DESIGN.md sections 2 and 7). Filled in by the simulations issue.
 */
package io.tracklab.simulations;
