package io.eksid.model.plan;

import io.eksid.model.ServiceAccountRef;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What the user asked to convert: named service accounts, whole namespaces, or every IRSA mapping of the cluster.
 * Lists are sorted and de-duplicated so that the same request always gives the same plan.
 *
 * @param serviceAccounts the named service accounts ({@link Kind#SERVICE_ACCOUNTS} only)
 * @param namespaces      the namespaces ({@link Kind#NAMESPACES} only)
 */
public record Selection(Kind kind, List<ServiceAccountRef> serviceAccounts, List<String> namespaces) {

    /** How the service accounts to convert are chosen. */
    public enum Kind {
        /** Exactly the named service accounts; a name the cluster does not have is reported, not ignored. */
        SERVICE_ACCOUNTS,
        /** Every service account with an IRSA annotation in the given namespaces. */
        NAMESPACES,
        /** Every service account with an IRSA annotation in the cluster. */
        ALL_IRSA
    }

    public Selection {
        Objects.requireNonNull(kind, "kind");
        serviceAccounts = List.copyOf(new TreeSet<>(serviceAccounts == null ? List.of() : serviceAccounts));
        namespaces = List.copyOf(new TreeSet<>(namespaces == null ? List.of() : namespaces));
        if (kind == Kind.SERVICE_ACCOUNTS && serviceAccounts.isEmpty()) {
            throw new IllegalArgumentException("select at least one service account (NAMESPACE/NAME)");
        }
        if (kind == Kind.NAMESPACES && namespaces.isEmpty()) {
            throw new IllegalArgumentException("select at least one namespace");
        }
        if (kind != Kind.SERVICE_ACCOUNTS && !serviceAccounts.isEmpty()) {
            throw new IllegalArgumentException("service accounts are only listed in a SERVICE_ACCOUNTS selection");
        }
        if (kind != Kind.NAMESPACES && !namespaces.isEmpty()) {
            throw new IllegalArgumentException("namespaces are only listed in a NAMESPACES selection");
        }
    }

    public static Selection of(ServiceAccountRef... refs) {
        return new Selection(Kind.SERVICE_ACCOUNTS, List.of(refs), List.of());
    }

    public static Selection serviceAccounts(List<ServiceAccountRef> refs) {
        return new Selection(Kind.SERVICE_ACCOUNTS, refs, List.of());
    }

    public static Selection namespaces(List<String> namespaces) {
        return new Selection(Kind.NAMESPACES, List.of(), namespaces);
    }

    public static Selection allIrsa() {
        return new Selection(Kind.ALL_IRSA, List.of(), List.of());
    }

    /** A short description for plan headers: {@code 2 service accounts}, {@code namespaces a, b}, ... */
    public String describe() {
        return switch (kind) {
            case SERVICE_ACCOUNTS -> serviceAccounts.size() == 1 ? "service account " + serviceAccounts.get(0)
                    : serviceAccounts.size() + " service accounts";
            case NAMESPACES -> (namespaces.size() == 1 ? "namespace " : "namespaces ") + String.join(", ", namespaces);
            case ALL_IRSA -> "every IRSA service account";
        };
    }
}
