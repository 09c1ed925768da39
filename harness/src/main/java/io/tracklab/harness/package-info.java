/**
 * The tracked near-cache client, the workload model, probes, chaos control and the result model
 * (see DESIGN.md section 2). Filled in by the near-cache, workload and probe issues; this module
 * never imports {@code io.tracklab.topologies}.
 */
package io.tracklab.harness;
