package io.tracklab.topologies.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.testing.RespSocket;
import java.net.ConnectException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisServerProcessIT {
  @TempDir Path directory;

  @AfterEach
  void clearProperty() {
    System.clearProperty(RedisExecutable.PROPERTY);
  }

  @Test
  void bundledBinary_startsAndAnswers_andCloseStopsIt() throws Exception {
    System.setProperty(RedisExecutable.PROPERTY, RedisExecutable.BUNDLED);
    RedisServerProcess redis = RedisServerProcess.start(directory);
    try (RespSocket socket = RespSocket.connect(redis.host(), redis.port())) {
      socket.send("INFO", "server");
      assertThat((String) socket.read()).contains("redis_version:" + RedisExecutable.BUNDLED_VERSION);
    } finally {
      redis.close();
    }
    assertThat(redis.isAlive()).isFalse();
    assertThatThrownBy(() -> RespSocket.connect(redis.host(), redis.port()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void badConfiguration_failsFast_withTheLogTail() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> RedisServerProcess.start(directory, "no-such-directive x"))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("exited")
        .hasMessageContaining("no-such-directive");
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(10.0);
  }

  @Test
  void executableProperty_thatIsNotExecutable_isNamedInTheError() {
    System.setProperty(RedisExecutable.PROPERTY, directory.resolve("nope").toString());
    assertThatThrownBy(() -> RedisServerProcess.start(directory))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining(RedisExecutable.PROPERTY)
        .hasMessageContaining("nope");
  }
}
