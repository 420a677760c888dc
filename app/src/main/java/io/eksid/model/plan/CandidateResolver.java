package io.eksid.model.plan;

import io.eksid.model.InvalidArnException;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountInfo;
import io.eksid.model.ServiceAccountRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a {@link Selection} into the service accounts to convert. Names that resolve to nothing, service accounts
 * without an IRSA annotation and malformed annotations are reported, never silently dropped.
 */
final class CandidateResolver {

    private final PlanDraft draft;
    private final Map<ServiceAccountRef, ServiceAccountInfo> byRef = new TreeMap<>();

    CandidateResolver(PlanDraft draft) {
        this.draft = draft;
        draft.snapshot.serviceAccounts().forEach(sa -> byRef.put(sa.ref(), sa));
    }

    void resolve(Selection selection) {
        switch (selection.kind()) {
            case SERVICE_ACCOUNTS -> selection.serviceAccounts().forEach(this::resolveNamed);
            case NAMESPACES -> selection.namespaces().forEach(this::resolveNamespace);
            case ALL_IRSA -> byRef.values().stream().filter(sa -> sa.irsaRoleArn().isPresent())
                    .forEach(this::candidate);
        }
    }

    private void resolveNamed(ServiceAccountRef ref) {
        ServiceAccountInfo sa = byRef.get(ref);
        if (sa == null) {
            draft.skipped.add(new SkippedItem(ref, null, SkipReason.SERVICE_ACCOUNT_MISSING, missingDetail(ref)));
            return;
        }
        if (sa.irsaRoleArn().isEmpty()) {
            Optional<PodIdentityAssociation> association = draft.snapshot.associations().stream()
                    .filter(a -> a.serviceAccountRef().equals(ref)).findFirst();
            if (association.isPresent()) {
                draft.alreadyDone.add(new AlreadyDone(ref, association.get().roleArn(),
                        "no IRSA annotation left; association " + describe(association.get()) + " exists"));
            } else {
                draft.skipped.add(new SkippedItem(ref, null, SkipReason.NO_IRSA_ANNOTATION, "service account "
                        + ref + " has no eks.amazonaws.com/role-arn annotation and no association: there is no "
                        + "IRSA mapping to convert"));
            }
            return;
        }
        candidate(sa);
    }

    private void resolveNamespace(String namespace) {
        List<ServiceAccountInfo> inNamespace = byRef.values().stream()
                .filter(sa -> sa.namespace().equals(namespace)).toList();
        boolean known = draft.snapshot.namespaces().stream().anyMatch(n -> n.name().equals(namespace));
        if (inNamespace.isEmpty() && !known) {
            draft.notes.add("Namespace " + namespace + " does not exist in cluster " + draft.cluster.name()
                    + ": nothing selected there.");
            return;
        }
        List<ServiceAccountInfo> irsa = inNamespace.stream().filter(sa -> sa.irsaRoleArn().isPresent()).toList();
        if (irsa.isEmpty()) {
            draft.notes.add("Namespace " + namespace + " has no service account with an IRSA annotation.");
        }
        irsa.forEach(this::candidate);
    }

    private void candidate(ServiceAccountInfo sa) {
        String annotation = sa.irsaRoleArn().orElseThrow();
        try {
            draft.conversions.add(new Conversion(sa, annotation, RoleArn.parse(annotation)));
        } catch (InvalidArnException e) {
            draft.skipped.add(new SkippedItem(sa.ref(), annotation, SkipReason.MALFORMED_ROLE_ARN,
                    "the eks.amazonaws.com/role-arn annotation of " + sa.ref() + " is unusable: " + e.getMessage()));
        }
    }

    private String missingDetail(ServiceAccountRef ref) {
        boolean namespaceKnown = draft.snapshot.namespaces().stream().anyMatch(n -> n.name().equals(ref.namespace()))
                || byRef.keySet().stream().anyMatch(r -> r.namespace().equals(ref.namespace()));
        String where = namespaceKnown ? "namespace " + ref.namespace() + " has no service account " + ref.name()
                : "namespace " + ref.namespace() + " does not exist in cluster " + draft.cluster.name();
        long users = draft.snapshot.workloads().stream().filter(w -> w.serviceAccountRef().equals(ref)).count()
                + draft.snapshot.pods().stream().filter(p -> p.owner() == null && p.serviceAccountRef().equals(ref))
                .count();
        return users == 0 ? where : where + "; " + users + " workload(s) or pod(s) name it, so their pods cannot "
                + "start until it is created";
    }

    static String describe(PodIdentityAssociation a) {
        String id = a.associationId() == null ? "" : a.associationId() + " ";
        String role = a.roleArn() == null ? "(role not described)" : a.roleArn();
        return id + "(" + a.namespace() + "/" + a.serviceAccount() + " -> " + role
                + (a.targetRoleArn() == null || a.targetRoleArn().isBlank() ? "" : " -> " + a.targetRoleArn()) + ")";
    }
}
