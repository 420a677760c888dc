package io.eksid.model.trust;

import io.eksid.model.RoleArn;

/** Who makes the AssumeRole* call in a question. */
sealed interface RequestPrincipal {

    /** Human description, e.g. "Federated arn:aws:iam::111122223333:oidc-provider/oidc.eks...". */
    String describe();

    /** The Principal element type that names this caller: Federated, Service or AWS. */
    String principalType();

    /** A web identity from an IAM OIDC provider (IRSA). */
    record Federated(String providerArn) implements RequestPrincipal {
        public String describe() {
            return "Federated " + providerArn;
        }

        public String principalType() {
            return "Federated";
        }
    }

    /** An AWS service principal, e.g. pods.eks.amazonaws.com (Pod Identity). */
    record Service(String name) implements RequestPrincipal {
        public String describe() {
            return "Service " + name;
        }

        public String principalType() {
            return "Service";
        }
    }

    /** A session of an IAM role (role chaining, Pod Identity target roles). */
    record Role(RoleArn role) implements RequestPrincipal {
        public String describe() {
            return "role " + role;
        }

        public String principalType() {
            return "AWS";
        }
    }
}
