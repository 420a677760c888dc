package io.eksid.engine.convert;

import io.eksid.aws.IdentityWriter;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlannedServiceAccount;
import io.eksid.model.trust.PolicyParseException;
import io.eksid.model.trust.TrustPolicy;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the sandbox holds now for a plan's roles and service accounts, read over HTTP with our own gateways. */
record LiveState(Map<String, TrustPolicy> trust, Map<String, String> associations, Map<String, String> annotations) {

    static LiveState read(ConversionGateways gw, ConversionPlan plan) {
        TreeSet<String> roles = new TreeSet<>();
        for (PlannedServiceAccount p : plan.planned()) {
            roles.add(p.irsaRoleArn());
            roles.add(p.associationRoleArn());
        }
        Map<String, TrustPolicy> trust = new TreeMap<>();
        for (String arn : roles) {
            RoleArn r = RoleArn.parse(arn);
            gw.iam(r.account()).flatMap(w -> w.getRole(r.name())).ifPresent(t -> trust.put(arn, parse(t)));
        }
        Map<String, String> associations = new TreeMap<>();
        Map<String, String> annotations = new TreeMap<>();
        for (PlannedServiceAccount p : plan.planned()) {
            ServiceAccountRef sa = p.serviceAccount();
            Optional<PodIdentityAssociation> a = gw.cluster().findAssociation(plan.cluster().name(), sa.namespace(),
                    sa.name());
            a.ifPresent(x -> associations.put(sa.toString(), x.roleArn() + (x.targetRoleArn() == null ? ""
                    : " -> " + x.targetRoleArn())));
            String v = gw.kube().serviceAccountAnnotations(sa).get("eks.amazonaws.com/role-arn");
            if (v != null) {
                annotations.put(sa.toString(), v);
            }
        }
        return new LiveState(trust, associations, annotations);
    }

    static TrustPolicy parse(IdentityWriter.RoleTrust t) {
        try {
            return TrustPolicy.parse(t.trustPolicyJson());
        } catch (PolicyParseException e) {
            throw new AssertionError(e);
        }
    }
}
