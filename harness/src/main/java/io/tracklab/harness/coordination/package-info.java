/**
 * How a distributed run's controller and its injectors talk (docs/distributed.md): a small,
 * versioned JSON-over-HTTP protocol the controller serves ({@link CoordinatorServer}) and each
 * injector calls ({@link CoordinatorClient}). Version {@value Assignment#PROTOCOL}:
 *
 * <pre>
 * GET  /v1/injectors/{name}/assignment  -> 200 Assignment         what to run, and where
 * POST /v1/injectors/{name}/ready       -> 204                    connected, preloaded, waiting
 * GET  /v1/go?waitMillis=N              -> 200 Go | 204 | 410     long poll: the start, or "abort"
 * POST /v1/injectors/{name}/progress    -> 204 | 410              each second; 410: stop now
 * POST /v1/injectors/{name}/acks        -> 200 [AckBatch]         its write acknowledgements; the others'
 * POST /v1/injectors/{name}/result      -> 204                    result.json, at the end
 * POST /v1/injectors/{name}/failed      -> 204                    why it cannot go on
 * </pre>
 *
 * <p>Why HTTP and not the Redis under test: the run partitions, delays and fails over that Redis
 * on purpose, and the coordination must not suffer its own faults. Why polling and not a push:
 * an injector behind a NAT or in a pod can always reach the controller's Service, not the other
 * way round. The JDK's own server and client: a handful of requests a second needs no framework.
 */
package io.tracklab.harness.coordination;
