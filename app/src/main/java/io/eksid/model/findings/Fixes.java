package io.eksid.model.findings;

import io.eksid.model.ClusterInfo;
import io.eksid.model.IrsaAnnotations;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadRef;
import io.eksid.model.trust.ConditionValues;
import io.eksid.model.trust.Effect;
import io.eksid.model.trust.Principal;
import io.eksid.model.trust.Statement;
import io.eksid.model.trust.StringValues;
import io.eksid.model.trust.TrustEvaluator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The concrete remedies findings point to: trust statements to add and commands to run. */
final class Fixes {

    private static final StringValues ASSUME_AND_TAG = StringValues.list(List.of("sts:AssumeRole", "sts:TagSession"));

    private Fixes() {
    }

    /** The IRSA trust statement for one service account (UG iam-roles-for-service-accounts). */
    static String irsaStatement(String providerArn, String issuerHost, ServiceAccountRef sa, String audience) {
        Map<String, ConditionValues> keys = new LinkedHashMap<>();
        keys.put(issuerHost + ":sub", ConditionValues.strings(List.of(sa.subject())));
        keys.put(issuerHost + ":aud", ConditionValues.strings(List.of(audience)));
        return new Statement(null, Effect.ALLOW, Principal.of("Federated", providerArn), false,
                StringValues.of("sts:AssumeRoleWithWebIdentity"), false, Map.of("StringEquals", keys)).toJson();
    }

    /** The Pod Identity trust statement (FACTS.md, Pod Identity runtime). */
    static String podIdentityStatement() {
        return new Statement(null, Effect.ALLOW, Principal.of("Service", TrustEvaluator.POD_IDENTITY_SERVICE), false,
                ASSUME_AND_TAG, false, null).toJson();
    }

    /** The statement a target role needs so the association role can chain into it. */
    static String sourceRoleStatement(String sourceRoleArn, boolean sessionTags) {
        return new Statement(null, Effect.ALLOW, Principal.of("AWS", sourceRoleArn), false,
                sessionTags ? ASSUME_AND_TAG : StringValues.of("sts:AssumeRole"), false, null).toJson();
    }

    static String updateTrust(RoleArn role) {
        return "aws iam update-assume-role-policy --role-name " + role.name()
                + " --policy-document file://trust.json";
    }

    static String annotate(ServiceAccountRef sa, String roleArn) {
        return "kubectl annotate serviceaccount -n " + sa.namespace() + " " + sa.name() + " "
                + IrsaAnnotations.ROLE_ARN + "=" + roleArn + " --overwrite";
    }

    static String removeAnnotation(ServiceAccountRef sa) {
        return "kubectl annotate serviceaccount -n " + sa.namespace() + " " + sa.name() + " "
                + IrsaAnnotations.ROLE_ARN + "-";
    }

    /** {@code kubectl rollout restart} for the kinds that support it. */
    static String rolloutRestart(String namespace, WorkloadRef workload) {
        return "kubectl rollout restart " + workload.kind().toLowerCase(Locale.ROOT) + "/" + workload.name()
                + " -n " + namespace;
    }

    static String createAgentAddon(ClusterInfo cluster) {
        return "aws eks create-addon --cluster-name " + cluster.name() + " --region " + cluster.region()
                + " --addon-name eks-pod-identity-agent";
    }

    static String deleteAssociation(ClusterInfo cluster, String associationId) {
        return "aws eks delete-pod-identity-association --cluster-name " + cluster.name() + " --region "
                + cluster.region() + " --association-id " + associationId;
    }

    static String updateAssociation(ClusterInfo cluster, String associationId) {
        return "aws eks update-pod-identity-association --cluster-name " + cluster.name() + " --region "
                + cluster.region() + " --association-id " + associationId;
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
