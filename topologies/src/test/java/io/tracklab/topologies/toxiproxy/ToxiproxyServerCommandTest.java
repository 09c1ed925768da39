package io.tracklab.topologies.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ToxiproxyServerCommandTest {

  @Test
  void toxiproxysOwnGoStyleFlags_areAcceptedAsTheContainersProvisionerSendsThem() {
    ToxiproxyServerCommand command = new ToxiproxyServerCommand();
    new CommandLine(command).parseArgs("-host=127.0.0.2", "-port=8475", "-config=proxies.json");

    assertThat(command.host).isEqualTo("127.0.0.2");
    assertThat(command.port).isEqualTo(8475);
    assertThat(command.config).isEqualTo(Path.of("proxies.json"));
  }

  @Test
  void theLongFlags_stillWork() {
    ToxiproxyServerCommand command = new ToxiproxyServerCommand();
    new CommandLine(command).parseArgs("--host", "127.0.0.3", "--port=0");

    assertThat(command.host).isEqualTo("127.0.0.3");
    assertThat(command.port).isZero();
  }
}
