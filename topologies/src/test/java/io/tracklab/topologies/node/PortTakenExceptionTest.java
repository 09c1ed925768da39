package io.tracklab.topologies.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortTakenExceptionTest {

  @Test
  void aTakenPort_isRecognisedInTheLogOfEitherLibc() {
    // Debian's redis-server (glibc)
    assertThat(PortTakenException.saidBy("# Warning: Could not create server TCP listening socket 127.0.0.1:6379: "
        + "bind: Address already in use")).isTrue();
    // the static 7.0.15 of embedded-redis (musl), as the containers run it: seen failing CI once
    assertThat(PortTakenException.saidBy("# Warning: Could not create server TCP listening socket 127.0.0.1:45459: "
        + "bind: Address in use")).isTrue();
    assertThat(PortTakenException.saidBy("# Failed listening on port 6379 (TCP), aborting: Permission denied"))
        .isFalse();
  }
}
