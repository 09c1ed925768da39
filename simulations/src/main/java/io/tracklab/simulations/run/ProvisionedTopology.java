package io.tracklab.simulations.run;

import io.tracklab.harness.chaos.FaultSchedule;
import io.tracklab.topologies.Provisioner;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.external.ExternalProvisioner;
import io.tracklab.topologies.provisioning.Provisioners;
import io.tracklab.topologies.security.TopologySecurity;
import java.util.List;

/**
 * The run's topology and who provisioned it: chosen as the properties say, an external Redis
 * refused before anything is touched when its file does not allow the schedule's faults, and its
 * security said on the console (who connects as whom, never a password).
 */
record ProvisionedTopology(Provisioner provisioner, Topology topology) {

  static ProvisionedTopology start(RunPlan plan, FaultSchedule faults) {
    Provisioners.Choice choice = Provisioners.choose();
    Provisioner provisioner = choice.provisioner();
    if (!choice.why().isEmpty()) {
      System.out.println("tracklab: " + provisioner.name() + " provisioner (" + choice.why() + ")");
    }
    if (provisioner instanceof ExternalProvisioner external) {
      // someone else's Redis: refuse what its file does not allow before touching anything
      List<String> refused = ExternalFaultPolicy.problems(external.spec(), faults);
      if (!refused.isEmpty()) {
        throw new IllegalArgumentException(String.join("\n", refused));
      }
    }
    System.out.printf("tracklab: starting a %s topology (%s provisioner) for %s, client %s%n",
        plan.settings().topology(), provisioner.name(), plan.name(), plan.settings().client());
    Topology topology = provisioner.start(plan.settings().topology(), plan.security());
    if (topology.security().secured()) {
      // tracklab's own topology as planned, or an external one as its file says
      System.out.println("tracklab: security " + topology.security().label() + describeUsers(topology.security()));
    }
    System.out.printf("tracklab: topology ready in %d ms: %s%n", topology.startupTime().toMillis(),
        topology.clientUris());
    return new ProvisionedTopology(provisioner, topology);
  }

  /** What result.json says of the security: its label, null for none. */
  static String securityLabel(TopologySecurity security) {
    return security.secured() ? security.label() : null;
  }

  /** Who connects as whom, never a password. */
  private static String describeUsers(TopologySecurity security) {
    if (!security.authenticated()) {
      return ": TLS only, certificates generated for the topology";
    }
    return ": admin (audits, faults) as user " + security.admin().user() + ", the client under test and the "
        + "workload as user " + security.client().user() + (security.tls() ? ", over TLS" : "")
        + "; passwords are never printed";
  }
}
